import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A small stand-in for efsta's EFR web service (outside the product), built from efsta's public
 * documentation: `POST /register` and `POST /restart` take a `<Tra><ESR …>` document and answer
 * `<TraC><Result RC="OK"/><Fis><Tag Label Value Name/></Fis></TraC>` — in Sweden with the tags
 * `FN` (Kvittonr), `Fiscal` (Kontrollkod), `SignDevId` (Kontrollenhetens tillverkningsnummer),
 * `OrgNr`, `RegisterId` — or `RC="BAD"` (HTTP 400) for invalid data and `RC="NO"` (406) for
 * "try again later". It can be switched to answer NO, or to drop connections.
 */
export interface FakeEfsta {
  url: string;
  /** Bodies received, with the path they came on. */
  requests: { path: string; body: string }[];
  mode: 'ok' | 'no' | 'drop' | 'bad';
  close(): Promise<void>;
}

export const FAKE_SIGN_DEV_ID = 'ISCCUSE0000000001';

export async function startFakeEfsta(): Promise<FakeEfsta> {
  const fake: FakeEfsta = { url: '', requests: [], mode: 'ok', close: () => Promise.resolve() };
  let fn = 2000;
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const path = req.url ?? '';
      if (req.method !== 'POST' || (path !== '/register' && path !== '/restart')) {
        res.writeHead(404).end();
        return;
      }
      fake.requests.push({ path, body });
      if (fake.mode === 'drop') {
        req.socket.destroy();
        return;
      }
      res.setHeader('content-type', 'text/xml; charset=utf-8');
      if (fake.mode === 'no') {
        res.writeHead(406).end('<TraC SQ="1"><Result RC="NO"><Error>e-#CCU not reachable</Error></Result></TraC>');
        return;
      }
      if (fake.mode === 'bad' || !/<Tra>\s*<ESR\b[^>]*\bTN="\d+"[^>]*\bT="-?\d+\.\d{2}"/.test(body)) {
        res.writeHead(400).end('<TraC SQ="1"><Result RC="BAD"><Error>e-#INVALID ESR</Error></Result></TraC>');
        return;
      }
      fn += 1;
      const tn = /\bTN="(\d+)"/.exec(body)?.[1] ?? '';
      const code = `UFFQD564M5SQ2JFEAVNOVXV6O${tn.padStart(7, '0')};M2O6FTVNVMGKNOEPOOTXJY3M7A`;
      res
        .writeHead(200)
        .end(
          `<TraC SQ="${fn}"><Result RC="OK"/><ESR FN="01-1-${fn}"/><Fis>` +
            `<Tag Label="Kvittonr" Value="${fn}" Name="FN"/>` +
            `<Tag Label="Kontrollkod" Value="${code}" Name="Fiscal"/>` +
            `<Tag Label="Kontrollenhetens tillverkningsnummer" Value="${FAKE_SIGN_DEV_ID}" Name="SignDevId"/>` +
            `<Tag Label="Org. nr" Value="556036-0793" Name="OrgNr"/>` +
            `<Tag Label="Kassa" Value="EF1TQJMA12345678" Name="RegisterId"/>` +
            `</Fis></TraC>`,
        );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  fake.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  fake.close = () => new Promise((resolve) => server.close(() => resolve()));
  return fake;
}
