/**
 * What is really on screen: a screenshot of a region, decoded in a helper page (the page under
 * test may be hostile), as the share of its pixels near given colours.
 */
import type { Page } from 'puppeteer-core';

export type Rgb = [number, number, number];

/**
 * Share (0..1) of the pixels of `rect` on `page` within `tolerance` (per channel) of each colour.
 * @param helper any page of the same browser with no scripts of its own (about:blank).
 */
export async function colourShares<K extends string>(
  page: Page,
  helper: Page,
  rect: { x: number; y: number; width: number; height: number },
  colours: Record<K, Rgb>,
  tolerance = 24,
): Promise<Record<K, number>> {
  const png = await page.screenshot({ clip: rect, encoding: 'base64', type: 'png' });
  return helper.evaluate(
    async (b64, wanted, tol) => {
      const bitmap = await createImageBitmap(await (await fetch(`data:image/png;base64,${b64}`)).blob());
      const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
      const ctx = canvas.getContext('2d')!;
      ctx.drawImage(bitmap, 0, 0);
      const { data } = ctx.getImageData(0, 0, bitmap.width, bitmap.height);
      const counts = Object.fromEntries(Object.keys(wanted).map((k) => [k, 0])) as Record<string, number>;
      for (let i = 0; i < data.length; i += 4) {
        for (const [k, [r, g, b]] of Object.entries(wanted)) {
          if (Math.abs(data[i] - r) <= tol && Math.abs(data[i + 1] - g) <= tol && Math.abs(data[i + 2] - b) <= tol) counts[k]++;
        }
      }
      const total = data.length / 4;
      return Object.fromEntries(Object.entries(counts).map(([k, n]) => [k, n / total]));
    },
    png,
    colours as Record<string, Rgb>,
    tolerance,
  ) as Promise<Record<K, number>>;
}
