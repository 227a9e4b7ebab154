import { describe, expect, it } from 'vitest';
import { contentDisposition } from '../../../../../../electron/features/sales/hub/report/content-disposition';

describe('Content-Disposition for report downloads', () => {
  it('sends a Chinese file name as RFC 5987 filename* with an ASCII fallback', () => {
    const header = contentDisposition('attachment', '秋季茶具专场-2026-12-04-sales.csv');
    expect(header).toBe(
      `attachment; filename="______-2026-12-04-sales.csv"; filename*=UTF-8''${encodeURIComponent('秋季茶具专场')}-2026-12-04-sales.csv`,
    );
    const encoded = /filename\*=UTF-8''(.+)$/.exec(header)![1]!;
    expect(decodeURIComponent(encoded)).toBe('秋季茶具专场-2026-12-04-sales.csv');
  });

  it('never lets a quote, backslash or attr-char outside RFC 5987 through', () => {
    const header = contentDisposition('inline', `a"b\\c%d;e'(f)*.html`);
    expect(header).toMatch(/^inline; filename="a_b_c_d_e'\(f\)\*\.html"; filename\*=UTF-8''a%22b%5Cc%25d%3Be%27%28f%29%2A\.html$/);
  });
});
