import { describe, expect, it } from 'vitest';
import type { Item, Stage } from '../../harness/proxy/embedded/stages/stage.js';
import { WsCloseStage } from '../../harness/proxy/embedded/stages/ws-close.js';
import { WsDelayStage } from '../../harness/proxy/embedded/stages/ws-delay.js';
import { WsDropStage } from '../../harness/proxy/embedded/stages/ws-drop.js';
import {
  applyMask,
  encodeClosePayload,
  encodeFrame,
  FrameReader,
  OPCODE,
  parseFrameHeader,
  type FramePiece,
} from '../../harness/proxy/embedded/ws-frames.js';
import { WsStreamTracker, type StreamPiece } from '../../harness/proxy/embedded/ws-stream.js';

interface ReadFrame {
  opcode: number;
  fin: boolean;
  masked: boolean;
  payload: Buffer;
  raw: Buffer;
}

/** Feeds `chunks` to a reader and reassembles whole frames (payload unmasked) from the pieces. */
function readFrames(chunks: Buffer[], reader = new FrameReader()): ReadFrame[] {
  const frames: ReadFrame[] = [];
  let raw: Buffer[] = [];
  let payload: Buffer[] = [];
  const sink = (p: FramePiece): void => {
    if (p.kind === 'invalid') throw new Error('unexpected invalid piece');
    if (p.kind === 'header') {
      raw = [p.bytes];
      payload = [];
      return;
    }
    raw.push(p.bytes);
    payload.push(p.header.maskKey ? applyMask(p.bytes, p.header.maskKey, p.offset) : p.bytes);
    if (p.last) {
      frames.push({
        opcode: p.header.opcode,
        fin: p.header.fin,
        masked: p.header.masked,
        payload: Buffer.concat(payload),
        raw: Buffer.concat(raw),
      });
    }
  };
  for (const chunk of chunks) reader.push(chunk, sink);
  return frames;
}

function splitEvery(buf: Buffer, size: number): Buffer[] {
  const out: Buffer[] = [];
  for (let i = 0; i < buf.length; i += size) out.push(buf.subarray(i, i + size));
  return out;
}

describe('parseFrameHeader', () => {
  it('reads a 7-bit length, unmasked header', () => {
    const h = parseFrameHeader(Buffer.from([0x81, 0x05]));
    expect(h).toMatchObject({ fin: true, opcode: 1, masked: false, payloadLength: 5, headerLength: 2 });
  });

  it('reads 16-bit (126) and 64-bit (127) extended lengths', () => {
    const h16 = parseFrameHeader(encodeFrame({ opcode: OPCODE.binary, payload: Buffer.alloc(300) }));
    expect(h16).toMatchObject({ payloadLength: 300, headerLength: 4 });
    const h64 = parseFrameHeader(encodeFrame({ opcode: OPCODE.binary, payload: Buffer.alloc(70_000), mask: true }));
    expect(h64).toMatchObject({ payloadLength: 70_000, headerLength: 14, masked: true });
  });

  it('says incomplete until the whole header is there, invalid for absurd lengths', () => {
    const full = encodeFrame({ opcode: OPCODE.binary, payload: Buffer.alloc(70_000), mask: true });
    for (let n = 0; n < 14; n++) expect(parseFrameHeader(full.subarray(0, n))).toBe('incomplete');
    const absurd = Buffer.from([0x82, 0x7f, 0x80, 0, 0, 0, 0, 0, 0, 0]);
    expect(parseFrameHeader(absurd)).toBe('invalid');
  });

  it('reads RSV bits and control opcodes', () => {
    const h = parseFrameHeader(encodeFrame({ opcode: OPCODE.ping, rsv1: true, fin: true }));
    expect(h).toMatchObject({ opcode: 9, rsv1: true, rsv2: false, rsv3: false, payloadLength: 0 });
  });
});

describe('masking', () => {
  it('round-trips and honours the payload offset', () => {
    const key = Buffer.from([1, 2, 3, 4]);
    const data = Buffer.from('hello websocket');
    const masked = applyMask(data, key);
    expect(masked.equals(data)).toBe(false);
    expect(applyMask(masked, key).toString()).toBe('hello websocket');
    const tail = applyMask(masked.subarray(5), key, 5);
    expect(tail.toString()).toBe(' websocket');
  });

  it('encodes masked client frames that decode to the original payload', () => {
    const frame = encodeFrame({ opcode: OPCODE.text, payload: Buffer.from('{"type":"pong"}'), mask: true });
    const [read] = readFrames([frame]);
    expect(read).toMatchObject({ opcode: 1, masked: true });
    expect(read!.payload.toString()).toBe('{"type":"pong"}');
  });
});

describe('FrameReader', () => {
  const frames = [
    encodeFrame({ opcode: OPCODE.text, payload: Buffer.from('a') }),
    encodeFrame({ opcode: OPCODE.ping }),
    encodeFrame({ opcode: OPCODE.binary, payload: Buffer.alloc(300, 7), mask: true }),
    encodeFrame({ opcode: OPCODE.text, payload: Buffer.alloc(70_000, 0x61) }),
    encodeFrame({ opcode: OPCODE.close, payload: encodeClosePayload(4001, 'bye'), mask: true }),
  ];
  const stream = Buffer.concat(frames);

  it('reads several frames from one chunk', () => {
    const read = readFrames([stream]);
    expect(read.map((f) => f.opcode)).toEqual([1, 9, 2, 1, 8]);
    expect(Buffer.concat(read.map((f) => f.raw)).equals(stream)).toBe(true);
  });

  it.each([1, 2, 3, 7, 13, 1000])('reads frames split into %i-byte chunks', (size) => {
    const read = readFrames(splitEvery(stream, size));
    expect(read.map((f) => f.opcode)).toEqual([1, 9, 2, 1, 8]);
    expect(read[2]!.payload.equals(Buffer.alloc(300, 7))).toBe(true);
    expect(read[3]!.payload.length).toBe(70_000);
    expect(read[4]!.payload.readUInt16BE(0)).toBe(4001);
    expect(read[4]!.payload.subarray(2).toString()).toBe('bye');
  });

  it('knows when it is between frames, and a clone continues from the same point', () => {
    const reader = new FrameReader();
    readFrames([stream.subarray(0, frames[0]!.length + 1)], reader);
    expect(reader.atBoundary).toBe(false);
    const copy = reader.clone();
    const rest = stream.subarray(frames[0]!.length + 1);
    const fromOriginal = readFrames([rest], reader);
    const fromCopy = readFrames([rest], copy);
    expect(fromCopy.map((f) => f.opcode)).toEqual(fromOriginal.map((f) => f.opcode));
    expect(reader.atBoundary).toBe(true);
  });

  it('passes an unparseable stream on untouched', () => {
    const reader = new FrameReader();
    const pieces: FramePiece[] = [];
    const garbage = Buffer.from([0x82, 0x7f, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 1, 2, 3]);
    reader.push(garbage, (p) => pieces.push(p));
    reader.push(Buffer.from('more'), (p) => pieces.push(p));
    expect(pieces.every((p) => p.kind === 'invalid')).toBe(true);
    expect(Buffer.concat(pieces.map((p) => p.bytes)).toString('latin1')).toBe(garbage.toString('latin1') + 'more');
  });
});

describe('WsStreamTracker', () => {
  const request = Buffer.from('GET /ws HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n');
  const response = Buffer.from('HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n');

  function collect(tracker: WsStreamTracker, chunks: Buffer[]): StreamPiece[] {
    const pieces: StreamPiece[] = [];
    for (const c of chunks) tracker.push(c, (p) => pieces.push(p));
    return pieces;
  }

  it('switches to frames after an upgrade request head, even when split mid-head', () => {
    const frame = encodeFrame({ opcode: OPCODE.text, payload: Buffer.from('hi'), mask: true });
    const all = Buffer.concat([request, frame]);
    const tracker = new WsStreamTracker('upstream');
    const pieces = collect(tracker, splitEvery(all, 5));
    expect(tracker.mode).toBe('frames');
    expect(pieces.filter((p) => p.kind === 'header')).toHaveLength(1);
    const raw = Buffer.concat(pieces.flatMap((p) => (p.kind === 'raw' ? [p.bytes] : [])));
    expect(raw.toString()).toBe(request.toString());
  });

  it('reads frames after a 101 response, and nothing else after a non-101', () => {
    const ok = new WsStreamTracker('downstream');
    collect(ok, [response, encodeFrame({ opcode: OPCODE.pong })]);
    expect(ok.mode).toBe('frames');
    expect(ok.atFrameBoundary).toBe(true);
    const refused = new WsStreamTracker('downstream');
    collect(refused, [Buffer.from('HTTP/1.1 401 Unauthorized\r\nContent-Length: 0\r\n\r\n'), Buffer.from([0x81, 0x00])]);
    expect(refused.mode).toBe('raw');
  });

  it('treats non-HTTP traffic as raw from the first bytes', () => {
    const tracker = new WsStreamTracker('upstream');
    const pieces = collect(tracker, [Buffer.from('\x16\x03\x01 TLS hello')]);
    expect(tracker.mode).toBe('raw');
    expect(pieces.filter((p) => p.kind === 'raw').map((p) => (p as { bytes: Buffer }).bytes.toString('latin1')).join('')).toBe(
      '\x16\x03\x01 TLS hello',
    );
  });
});

// ---------------------------------------------------------------- the ws_* toxic stages on a frame stream


const RESPONSE_HEAD = Buffer.from('HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n');

/** Wires a stage to a collector; `frames()` parses what came out (after the head). */
function harness(stage: Stage) {
  const out: Item[] = [];
  stage.next = (item) => out.push(item);
  if (stage.engaged) stage.start();
  const bytes = () => Buffer.concat(out.flatMap((i) => (i ? [i.data] : [])));
  return {
    feed: (chunks: Buffer[]) => chunks.forEach((data) => stage.push({ data, t: performance.now() })),
    ended: () => out.includes(null),
    bytes,
    frames: () => {
      const all = bytes();
      const body = all.subarray(all.indexOf('\r\n\r\n') + 4);
      return readFrames([body]).map((f) => `${f.opcode}:${f.fin ? 'F' : '-'}:${f.payload.toString()}`);
    },
  };
}

const attrs = (a: Record<string, number | string>) => ({ opcode: -1, json_field: '', json_value: '', ...a });

describe('ws_* stages', () => {
  const fragmented = [
    encodeFrame({ opcode: OPCODE.text, payload: Buffer.from('a'), fin: false }),
    encodeFrame({ opcode: OPCODE.ping, payload: Buffer.from('p') }),
    encodeFrame({ opcode: OPCODE.continuation, payload: Buffer.from('b'), fin: false }),
    encodeFrame({ opcode: OPCODE.continuation, payload: Buffer.from('c'), fin: true }),
    encodeFrame({ opcode: OPCODE.binary, payload: Buffer.from('d') }),
  ];
  const stream = Buffer.concat([RESPONSE_HEAD, ...fragmented]);

  it('ws_drop: a dropped first fragment takes its continuations; interleaved control frames survive', () => {
    const h = harness(new WsDropStage(attrs({ opcode: OPCODE.text }), 'downstream', new WsStreamTracker('downstream')));
    h.feed(splitEvery(stream, 1));
    expect(h.frames()).toEqual(['9:F:p', '2:F:d']);
    expect(h.bytes().subarray(0, RESPONSE_HEAD.length).equals(RESPONSE_HEAD)).toBe(true);
  });

  it('ws_drop: dropping pings leaves the fragmented message whole', () => {
    const h = harness(new WsDropStage(attrs({ opcode: OPCODE.ping }), 'downstream', new WsStreamTracker('downstream')));
    h.feed(splitEvery(stream, 3));
    expect(h.frames()).toEqual(['1:-:a', '0:-:b', '0:F:c', '2:F:d']);
  });

  it('ws_drop: inactive (toxicity miss) passes everything, byte for byte', () => {
    const stage = new WsDropStage(attrs({ opcode: OPCODE.ping }), 'downstream', new WsStreamTracker('downstream'));
    stage.active = false;
    const h = harness(stage);
    h.feed(splitEvery(stream, 7));
    expect(h.bytes().equals(stream)).toBe(true);
  });

  it('ws_delay: matching frames are held, others overtake them, a close frame and the end wait behind', async () => {
    const stage = new WsDelayStage({ ...attrs({ opcode: OPCODE.text }), delay: 60 }, 'downstream', new WsStreamTracker('downstream'));
    const h = harness(stage);
    h.feed([
      RESPONSE_HEAD,
      encodeFrame({ opcode: OPCODE.text, payload: Buffer.from('x') }),
      encodeFrame({ opcode: OPCODE.binary, payload: Buffer.from('y') }),
      encodeFrame({ opcode: OPCODE.close, payload: encodeClosePayload(1000, '') }),
    ]);
    stage.push(null);
    expect(h.frames()).toEqual(['2:F:y']);
    expect(h.ended()).toBe(false);
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(h.frames().map((f) => f.slice(0, 5))).toEqual(['2:F:y', '1:F:x', '8:F:\u0003']);
    expect(h.ended()).toBe(true);
  });

  it('ws_close added mid-frame waits for the frame to end, then drops everything after its close frame', () => {
    const tracker = new WsStreamTracker('downstream');
    const big = encodeFrame({ opcode: OPCODE.binary, payload: Buffer.alloc(100, 0x7a) });
    tracker.push(Buffer.concat([RESPONSE_HEAD, big.subarray(0, 50)]), () => {});
    const stage = new WsCloseStage({ code: 4000, reason: 'chaos', after: -1 }, 'downstream', tracker);
    const out: Buffer[] = [];
    stage.next = (item) => item && out.push(item.data);
    stage.start();
    expect(out).toHaveLength(0);
    stage.push({ data: Buffer.concat([big.subarray(50), encodeFrame({ opcode: OPCODE.text, payload: Buffer.from('late') })]), t: 0 });
    const frames = readFrames([Buffer.concat([big.subarray(0, 50), ...out])]);
    expect(frames.map((f) => f.opcode)).toEqual([2, 8]);
    expect(frames[1]!.payload.readUInt16BE(0)).toBe(4000);
    expect(frames[1]!.payload.subarray(2).toString()).toBe('chaos');
    stage.dispose();
  });

  it('ws_close upstream masks its close frame', () => {
    const tracker = new WsStreamTracker('upstream');
    tracker.push(Buffer.from('GET / HTTP/1.1\r\nUpgrade: websocket\r\n\r\n'), () => {});
    const stage = new WsCloseStage({ code: 0, reason: '', after: -1 }, 'upstream', tracker);
    const out: Buffer[] = [];
    stage.next = (item) => item && out.push(item.data);
    stage.start();
    const [frame] = readFrames(out);
    expect(frame).toMatchObject({ opcode: 8, masked: true });
    expect(frame!.payload.length).toBe(0);
    stage.dispose();
  });
});
