import { test, expect } from './fixtures';

test('the web host serves the app, which renders in demo mode with no console errors', async ({ page, pos, consoleErrors }, testInfo) => {
  await pos.open();
  await expect(page.getByText('Demo — no real payments')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Settings' })).toBeVisible();
  await expect(page.getByRole('navigation', { name: 'Quick keys' })).toBeVisible();
  await expect(page).toHaveTitle(/LinkPOS/);
  await page.screenshot({ path: testInfo.outputPath('first-start.png'), fullPage: true });
  await testInfo.attach('first-start', { path: testInfo.outputPath('first-start.png'), contentType: 'image/png' });
  expect(consoleErrors).toEqual([]);
});

test('the web host refuses requests without the per-run token', async ({ host, request }) => {
  const page = await request.get(`${host.origin}/`);
  expect(page.status()).toBe(401);
  const call = await request.post(`${host.origin}/api/app:info`, { data: { input: null } });
  expect(call.status()).toBe(401);
});

test('the web host refuses a foreign Host header and a cross-origin call', async ({ host, request }) => {
  const token = new URL(host.url).searchParams.get('token')!;
  const rebinding = await request.get(`${host.origin}/?token=${token}`, { headers: { Host: 'evil.example:80' } });
  expect(rebinding.status()).toBe(421);
  const crossOrigin = await request.post(`${host.origin}/api/app:info?token=${token}`, {
    headers: { Origin: 'http://evil.example', 'Content-Type': 'application/json' },
    data: { input: null },
  });
  expect(crossOrigin.status()).toBe(403);
});
