import { readFileSync } from 'node:fs';
import { chromium } from 'playwright-core';
const b = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox','--disable-gpu','--disable-background-networking','--disable-component-update','--no-first-run'] });
const p = await b.newPage({ viewport: { width: 820, height: 400 } });
await p.setContent(`<html><body style="margin:0;background:#fff">${readFileSync(process.argv[2], 'utf8')}</body></html>`);
await p.screenshot({ path: process.argv[3], fullPage: true, timeout: 60000 });
await b.close();
