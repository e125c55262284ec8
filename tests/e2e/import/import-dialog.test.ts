/**
 * The Import dialog in a real browser: a file with a mistake shows its error on its line and
 * cannot be applied; a good file previews, applies with progress, and its people appear on the
 * chart. Takes docs/import-preview.png for the README.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { chromiumAvailable, chromiumPath, useBrowserSession } from '../../helpers/browser';

const docs = resolve(import.meta.dirname, '../../../docs');
const files = mkdtempSync(join(tmpdir(), 'organichart-import-'));
afterAll(() => rmSync(files, { recursive: true, force: true }));

function csvFile(name: string, text: string): string {
	const path = join(files, name);
	writeFileSync(path, text);
	return path;
}

describe.skipIf(!chromiumAvailable)(`import dialog (Chromium at ${chromiumPath})`, () => {
	const ui = useBrowserSession({}, { width: 1280, height: 800 });
	beforeAll(() => ui.page.setDefaultTimeout(15_000));
	afterEach(() => expect(ui.problems.splice(0)).toEqual([]));

	test('a mistake is shown on its line and blocks the import; a good file imports and shows on the chart', async () => {
		const { page } = ui;
		await page.goto(ui.app.url);
		await page.locator('[data-testid="person-card"][data-person-name="Margaret Chen"]').waitFor({ timeout: 30_000 });
		await page.getByRole('button', { name: 'Import people from CSV' }).click();
		const dialog = page.getByTestId('import-dialog');

		const withMistake = csvFile(
			'team-with-mistake.csv',
			'Full Name,Job Title,Department,Work Email,Reports To,Hire Date\n' +
				'Priya Raman,Platform Engineer,Engineering,priya.raman@example.com,Jane Smith,2024-02-01\n' +
				'Tomás Ortega,Site Reliability Engineer,Engineering,tomas.ortega@example.com,Jane Smith,2024-03-15\n' +
				'Lea Fischer,Data Analyst,Finance,lea.fischer@example.com,Someone Unknown,2024-13-01\n' +
				'Noor Haddad,Product Designer,Design,noor.haddad@example.com,Priya Raman,2023-11-20\n'
		);
		await dialog.locator('input[type="file"]').setInputFiles(withMistake);
		await expect.poll(() => dialog.getByTestId('import-summary').textContent()).toContain('1 with errors');
		const errorRow = dialog.locator('tr.error');
		await expect.poll(() => errorRow.count()).toBe(1);
		expect(await errorRow.textContent()).toContain('Unknown manager');
		expect(await errorRow.textContent()).toContain('start_date');
		expect(await errorRow.locator('td').first().textContent()).toBe('4');
		expect(await dialog.getByRole('button', { name: /^Import/ }).isDisabled()).toBe(true);
		// Show every row for the screenshot: the good ones and the one in error.
		await dialog.getByLabel('Only rows with errors').uncheck();
		mkdirSync(docs, { recursive: true });
		await page.screenshot({ path: resolve(docs, 'import-preview.png') });

		const good = csvFile(
			'team.csv',
			'Full Name,Job Title,Department,Work Email,Reports To,Hire Date\n' +
				'Priya Raman,Platform Engineer,Engineering,priya.raman@example.com,Jane Smith,2024-02-01\n' +
				'Noor Haddad,Product Designer,Design,noor.haddad@example.com,Priya Raman,2023-11-20\n'
		);
		await dialog.locator('input[type="file"]').setInputFiles(good);
		await expect.poll(() => dialog.getByTestId('import-summary').textContent()).toMatch(/2\s+to add/);
		await dialog.getByRole('button', { name: 'Import 2 changes' }).click();
		await expect.poll(() => dialog.getByTestId('import-result').textContent()).toContain('2 added');
		await dialog.getByRole('button', { name: 'Done' }).click();
		await page.locator('[data-testid="person-card"][data-person-name="Priya Raman"]').waitFor({ timeout: 15_000 });
	});
});
