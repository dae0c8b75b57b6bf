import { useEffect, useState } from 'react';
import QRCode from 'qrcode';
import { isEncodableLinkUrl } from '../../../shared/domain/link-url';

/**
 * The payment link as a QR code, drawn locally (no network), error correction M and a four-module
 * quiet zone so phones read it from a metre away. A URL that is not https (or the loopback
 * sandbox) is never encoded: the caller shows an error instead. Drawn as SVG, so however the layout
 * scales it every module stays square and the same width; `size` is its natural size.
 */
export function QrCode({ url, label, size }: { url: string; label: string; size: number }) {
  const [dataUrl, setDataUrl] = useState<string | null>(null);
  useEffect(() => {
    let cancelled = false;
    if (!isEncodableLinkUrl(url)) return;
    QRCode.toString(url, { type: 'svg', errorCorrectionLevel: 'M', margin: 4, width: size, color: { dark: '#000000', light: '#ffffff' } })
      .then((svg) => {
        if (!cancelled) setDataUrl(`data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`);
      })
      .catch(() => {
        if (!cancelled) setDataUrl(null);
      });
    return () => {
      cancelled = true;
    };
  }, [url, size]);
  if (!isEncodableLinkUrl(url) || !dataUrl) return <div className="qr qr--placeholder" style={{ width: size, height: size }} />;
  return <img className="qr" src={dataUrl} alt={label} width={size} height={size} />;
}
