import { generatedCatalogCsv, getCatalog, importCatalog, TEMPLATE_HEADER } from '../helpers/catalog';
import { expect, test } from './fixtures';

const fileWithOneBadRow = [
  TEMPLATE_HEADER,
  'TEA-1,龙井,Longjing tea,128.00,168.00,CNY,120,明前|手工,先闻香。,,,,',
  'CUP-2,青瓷杯,Celadon cup,39.5O,,CNY,10,,,,,,',
  'POT-3,紫砂壶,Clay teapot,999,,CNY,,,,,,,',
].join('\r\n');

test('the anchor imports a file with a bad row: sees the line and reason, imports the valid rows, sees them in the table', async ({ page, studio }) => {
  await page.goto(`${studio.url}/?token=${studio.anchorToken}`);
  await page.getByTestId('language-select').selectOption('en');
  await page.getByTestId('open-catalog').click();
  const drawer = page.getByTestId('catalog-drawer');
  await expect(drawer.getByTestId('catalog-count')).toHaveText('0 products');

  await drawer.getByTestId('catalog-open-import').click();
  await drawer.getByTestId('catalog-file').setInputFiles({ name: 'catalog.csv', mimeType: 'text/csv', buffer: Buffer.from(fileWithOneBadRow) });
  await drawer.getByTestId('catalog-upload').click();

  const refused = drawer.getByTestId('catalog-import-refused');
  await expect(refused).toContainText('1 of 3 rows have problems, so nothing was imported');
  const issue = refused.getByTestId('catalog-issue');
  await expect(issue).toHaveCount(1);
  await expect(issue).toHaveAttribute('data-line', '3');
  await expect(issue).toContainText('price');
  await expect(issue).toContainText('"39.5O" is not an amount');
  expect(await getCatalog(studio.url, studio.anchorToken)).toEqual([]);
  await expect(drawer.getByTestId('catalog-row')).toHaveCount(0);

  await refused.getByTestId('catalog-accept-valid').click();
  await expect(drawer.getByTestId('catalog-import-done')).toContainText('Done: 2 new products, 0 updated.');
  await expect(drawer.getByTestId('catalog-import-done').getByTestId('catalog-issue')).toHaveAttribute('data-line', '3');
  await expect(drawer.getByTestId('catalog-count')).toHaveText('2 products');
  const tea = drawer.locator('[data-testid="catalog-row"][data-sku="TEA-1"]');
  await expect(tea).toContainText('Longjing tea');
  await expect(tea).toContainText('CN¥128.00');
  await expect(tea).toContainText('CN¥168.00');
  await expect(tea).toContainText('120');
  await expect(drawer.locator('[data-testid="catalog-row"][data-sku="POT-3"]')).toContainText('CN¥999.00');
  await expect(drawer.locator('[data-testid="catalog-row"][data-sku="CUP-2"]')).toHaveCount(0);

  await page.getByTestId('language-select').selectOption('zh-CN');
  await expect(drawer.getByTestId('catalog-count')).toHaveText('共 2 件商品');
  await expect(tea).toContainText('龙井');
  await expect(tea).toContainText('¥128.00');
});

test('a viewer sees the catalog but no import; 5,000 products scroll in a virtualised table', async ({ page, studio }) => {
  expect((await importCatalog(studio.url, { token: studio.anchorToken, body: generatedCatalogCsv(5000) })).body).toMatchObject({ ok: true, imported: 5000 });
  const viewer = studio.tokens.viewer;
  await page.goto(`${studio.url}/?token=${viewer}`);
  await page.getByTestId('language-select').selectOption('en');
  await page.getByTestId('open-catalog').click();
  const drawer = page.getByTestId('catalog-drawer');
  await expect(drawer.getByTestId('catalog-count')).toHaveText('5000 products');
  await expect(drawer.getByTestId('catalog-open-import')).toHaveCount(0);
  await expect(drawer.locator('[data-testid="catalog-row"][data-sku="SKU-00001"]')).toBeVisible();
  // Only the rows in view (plus overscan) are in the page.
  expect(await drawer.getByTestId('catalog-row').count()).toBeLessThan(100);
  await drawer.locator('.catalog-scroll').evaluate((el) => el.scrollTo(0, el.scrollHeight));
  await expect(drawer.locator('[data-testid="catalog-row"][data-sku="SKU-05000"]')).toContainText('CN¥51.00');
});
