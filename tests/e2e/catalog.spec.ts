import { readFileSync } from 'node:fs';
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
  await expect(drawer.getByTestId('catalog-export-csv')).toHaveCount(0);
  await expect(drawer.locator('[data-testid="catalog-row"][data-sku="SKU-00001"]')).toBeVisible();
  // Only the rows in view (plus overscan) are in the page.
  expect(await drawer.getByTestId('catalog-row').count()).toBeLessThan(100);
  await drawer.locator('.catalog-scroll').evaluate((el) => el.scrollTo(0, el.scrollHeight));
  await expect(drawer.locator('[data-testid="catalog-row"][data-sku="SKU-05000"]')).toContainText('CN¥51.00');
});

/** A shop's own export (抖店 style): the shop's item id is a column the studio would take for the SKU. */
const shopExport = [
  '商品ID,商品名称,价格,库存,货品编号,商品链接',
  '3581000001,明前龙井 250g,¥59.90,120,TEA-1,https://haohuo.jinritemai.com/item?id=1',
  '3581000002,青瓷品茗杯,"1,299元",8,CUP-2,https://haohuo.jinritemai.com/item?id=2',
].join('\r\n');

test('in zh-CN the anchor maps a shop export\'s columns once (guess checked, SKU column changed), imports it, and the same export imports again without asking', async ({ page, studio }) => {
  await page.goto(`${studio.url}/?token=${studio.anchorToken}`);
  await page.getByTestId('language-select').selectOption('zh-CN');
  await page.getByTestId('open-catalog').click();
  const drawer = page.getByTestId('catalog-drawer');
  await drawer.getByTestId('catalog-open-import').click();
  // The Chinese-header template downloads beside the English one.
  const [download] = await Promise.all([page.waitForEvent('download'), drawer.getByTestId('catalog-template-zh').click()]);
  expect(download.suggestedFilename()).toBe('catalog-template.zh-CN.csv');
  expect(readFileSync(await download.path()).toString('utf8')).toMatch(/^\uFEFF商家编码,中文标题,英文标题,售价/);
  const file = { name: '抖店商品导出.csv', mimeType: 'text/csv', buffer: Buffer.from(`\uFEFF${shopExport}`) };
  await drawer.getByTestId('catalog-file').setInputFiles(file);
  await drawer.getByTestId('catalog-upload').click();

  const mapping = drawer.getByTestId('catalog-mapping');
  await expect(mapping).toContainText('确认各列对应的内容');
  // The guess: names for title, price and stock; the shop's item id for the SKU (the name says so).
  await expect(mapping.getByTestId('catalog-map-title')).toHaveValue('商品名称');
  await expect(mapping.getByTestId('catalog-map-price')).toHaveValue('价格');
  await expect(mapping.getByTestId('catalog-map-stock')).toHaveValue('库存');
  await expect(mapping.getByTestId('catalog-map-sku')).toHaveValue('商品ID');
  const preview = mapping.getByTestId('catalog-map-row');
  await expect(preview).toHaveCount(2);
  await expect(preview.first()).toHaveAttribute('data-line', '2');
  await expect(preview.first()).toContainText('3581000001');
  await expect(preview.first()).toContainText('¥59.90');
  await expect(preview.nth(1)).toContainText('¥1,299.00');

  // Without a SKU column the dialog says what is missing, in Chinese, and will not import.
  await mapping.getByTestId('catalog-map-sku').selectOption('');
  await expect(mapping.getByTestId('catalog-map-problem')).toHaveText('请选择“SKU（商家编码）”所在的列：每件商品都需要它。');
  await expect(mapping.getByTestId('catalog-map-confirm')).toBeDisabled();
  await mapping.getByTestId('catalog-map-sku').selectOption('货品编号');
  await expect(mapping.getByTestId('catalog-map-problem')).toHaveCount(0);
  await expect(preview.first()).toContainText('TEA-1');
  // Kept for a person to look at the step (under .test-output, like the other e2e pictures).
  await drawer.getByTestId('catalog-import').screenshot({ path: '.test-output/catalog/mapping-step-zh-CN.png' });
  await mapping.getByTestId('catalog-map-confirm').click();

  await expect(drawer.getByTestId('catalog-import-done')).toContainText('完成：新增 2 件，更新 0 件。');
  await expect(drawer.getByTestId('catalog-count')).toHaveText('共 2 件商品');
  const tea = drawer.locator('[data-testid="catalog-row"][data-sku="TEA-1"]');
  await expect(tea).toContainText('明前龙井 250g');
  await expect(tea).toContainText('¥59.90');
  await expect(tea).toContainText('120');
  await expect(drawer.locator('[data-testid="catalog-row"][data-sku="CUP-2"]')).toContainText('¥1,299.00');
  expect((await getCatalog(studio.url, studio.anchorToken)).map((p) => [p.sku, p.price, p.stock])).toEqual([
    ['TEA-1', 5990, 120],
    ['CUP-2', 129_900, 8],
  ]);

  // The same export again: no mapping step, the saved mapping is used.
  await drawer.getByTestId('catalog-import-done').getByRole('button', { name: '导入其他文件' }).click();
  await drawer.getByTestId('catalog-file').setInputFiles(file);
  await drawer.getByTestId('catalog-upload').click();
  await expect(drawer.getByTestId('catalog-import-done')).toContainText('完成：新增 0 件，更新 2 件。');
  await expect(drawer.getByTestId('catalog-import-done')).toContainText('已按为这类文件保存的列对应关系读取。');
  await expect(drawer.getByTestId('catalog-mapping')).toHaveCount(0);

  // The saved mapping can be opened again to change it.
  await drawer.getByTestId('catalog-change-mapping').click();
  await expect(drawer.getByTestId('catalog-mapping')).toContainText('这是为这类文件保存的列对应关系');
  await expect(drawer.getByTestId('catalog-map-sku')).toHaveValue('货品编号');
});

test('an XLSX the studio exported imports back through the built hub (its sheet worker reads it), the same products updated', async ({ page, studio }) => {
  await importCatalog(studio.url, { token: studio.anchorToken, body: generatedCatalogCsv(3) });
  await page.goto(`${studio.url}/?token=${studio.anchorToken}`);
  await page.getByTestId('language-select').selectOption('en');
  await page.getByTestId('open-catalog').click();
  const drawer = page.getByTestId('catalog-drawer');
  await expect(drawer.getByTestId('catalog-count')).toHaveText('3 products');
  const [download] = await Promise.all([page.waitForEvent('download'), drawer.getByTestId('catalog-export-xlsx').click()]);
  const workbook = readFileSync(await download.path());
  expect(workbook.subarray(0, 2).toString('latin1')).toBe('PK');

  await drawer.getByTestId('catalog-open-import').click();
  await drawer.getByTestId('catalog-file').setInputFiles({ name: 'catalog.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: workbook });
  await drawer.getByTestId('catalog-upload').click();
  await expect(drawer.getByTestId('catalog-import-done')).toContainText('Done: 0 new products, 3 updated.');
  await expect(drawer.getByTestId('catalog-count')).toHaveText('3 products');
});
