/**
 * Chart export (loaded on demand by the Export menu): SVG markup drawn from the layout (names and
 * titles stay text), PNG by rasterizing that SVG in a canvas at 2×, PDF drawn with jsPDF (text
 * stays text; a chart too large for one page at a readable size is split over pages).
 */
import { COLOURS, FONTS, FONT_FAMILY, TEXT_WIDTH, type ChartDrawing, type DrawnCard } from './chart-drawing';
import { CARD_HEIGHT, CARD_WIDTH } from '../layout';

export { canvasMeasurer, drawChart, exportLayout } from './chart-drawing';

const RADIUS = 12;

/** Text as SVG/XML character data or attribute value: nothing in a name can become markup. */
export function escapeXml(text: string): string {
	return text.replace(/[&<>"']/g, (char) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[char] as string);
}

const n = (value: number) => String(Math.round(value * 100) / 100);

function svgCard(card: DrawnCard): string {
	const parts = [
		`<g data-person-id="${escapeXml(card.personId)}">`,
		`<title>${escapeXml(card.name)}</title>`,
		`<rect x="${n(card.x)}" y="${n(card.y)}" width="${CARD_WIDTH}" height="${CARD_HEIGHT}" rx="${RADIUS}" fill="${card.dashed ? COLOURS.canvas : COLOURS.surface}" stroke="${COLOURS.border}"${card.dashed ? ' stroke-dasharray="5 4"' : ''}/>`
	];
	if (card.avatar) parts.push(`<circle cx="${n(card.avatar.cx)}" cy="${n(card.avatar.cy)}" r="${card.avatar.r}" fill="${card.avatar.colour}"/>`);
	if (card.badge) {
		const { cx, cy, width } = card.badge;
		parts.push(`<rect x="${n(cx - width / 2)}" y="${n(cy - 10)}" width="${n(width)}" height="20" rx="10" fill="${COLOURS.surface}" stroke="${COLOURS.border}"/>`);
	}
	for (const text of card.texts) {
		const font = FONTS[text.role];
		parts.push(
			`<text x="${n(text.x)}" y="${n(text.y)}" font-size="${font.size}" font-weight="${font.weight}" fill="${text.colour}"${text.anchor === 'middle' ? ' text-anchor="middle"' : ''}>${escapeXml(text.text)}</text>`
		);
	}
	parts.push('</g>');
	return parts.join('');
}

/** A standalone SVG document of the drawing, `title` as its title. */
export function chartSvg(drawing: ChartDrawing, title: string): string {
	const lines = drawing.connectors.map((points) => `<polyline points="${points.map(([x, y]) => `${n(x)},${n(y)}`).join(' ')}"/>`);
	return [
		'<?xml version="1.0" encoding="UTF-8"?>',
		`<svg xmlns="http://www.w3.org/2000/svg" width="${n(drawing.width)}" height="${n(drawing.height)}" viewBox="0 0 ${n(drawing.width)} ${n(drawing.height)}" font-family="${escapeXml(FONT_FAMILY)}">`,
		`<title>${escapeXml(title)}</title>`,
		`<rect width="100%" height="100%" fill="${COLOURS.canvas}"/>`,
		`<g fill="none" stroke="${COLOURS.line}" stroke-width="1.5">${lines.join('')}</g>`,
		...drawing.cards.map(svgCard),
		'</svg>'
	].join('\n');
}

/** Chromium's canvas limits (per side, and area): a larger chart is rasterized at a lower scale. */
const MAX_CANVAS_SIDE = 32_767;
const MAX_CANVAS_AREA = 268_435_456;

/** The PNG of the SVG at `scale` (lower when the canvas would be too large); resolves the scale used. */
export async function chartPng(svg: string, width: number, height: number, scale = 2): Promise<{ blob: Blob; scale: number }> {
	const fit = Math.min(scale, MAX_CANVAS_SIDE / width, MAX_CANVAS_SIDE / height, Math.sqrt(MAX_CANVAS_AREA / (width * height)));
	// The page's CSP admits data: images (not blob:), so the SVG is loaded as a data URL.
	const image = new Image();
	image.decoding = 'async';
	image.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
	await image.decode();
	const canvas = document.createElement('canvas');
	canvas.width = Math.floor(width * fit);
	canvas.height = Math.floor(height * fit);
	const context = canvas.getContext('2d');
	if (!context) throw new Error('This browser cannot draw the image.');
	context.drawImage(image, 0, 0, canvas.width, canvas.height);
	const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/png'));
	if (!blob) throw new Error('The chart is too large for this browser to make an image of it.');
	return { blob, scale: fit };
}

/** Chart pixels to PDF points at 100% (96 px = 72 pt). */
const PX_TO_PT = 0.75;
/** Smallest scale (of the 100% size) a page may use: a name is then 5¼ pt, a title just under 5 pt. */
const MIN_PDF_SCALE = 0.5;
const PAGE_MARGIN = 24;

/** What the PDF's built-in fonts can show besides Latin-1 (Windows-1252's extra characters). */
const WIN_ANSI_EXTRA = '€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ';

/** The characters of the drawing's text that the PDF's built-in Helvetica cannot show (in order of appearance). */
export function lettersPdfLacks(drawing: ChartDrawing): string[] {
	const missing = new Set<string>();
	for (const card of drawing.cards) {
		for (const text of card.texts) {
			for (const char of text.text) {
				const code = char.codePointAt(0) as number;
				if ((code >= 0x20 && code <= 0x7e) || (code >= 0xa0 && code <= 0xff) || WIN_ANSI_EXTRA.includes(char)) continue;
				missing.add(char);
			}
		}
	}
	return [...missing];
}

function hexToRgb(hex: string): [number, number, number] {
	const value = Number.parseInt(hex.slice(1), 16);
	return [(value >> 16) & 255, (value >> 8) & 255, value & 255];
}

/**
 * The chart as a PDF on A4 pages: one page, scaled to fit, when names stay readable (≥ 7 pt);
 * otherwise at that smallest readable scale, split over as many pages as it needs (across, then
 * down), each page saying where it sits. `missing`: letters of the text its built-in font lacks.
 */
export async function chartPdf(drawing: ChartDrawing, title: string): Promise<{ blob: Blob; pages: number; missing: string[] }> {
	const { jsPDF } = await import('jspdf');
	const landscape = drawing.width >= drawing.height;
	const doc = new jsPDF({ orientation: landscape ? 'landscape' : 'portrait', unit: 'pt', format: 'a4', compress: true });
	doc.setDocumentProperties({ title, creator: 'OrganiChart' });
	const pageWidth = doc.internal.pageSize.getWidth();
	const pageHeight = doc.internal.pageSize.getHeight();
	const areaWidth = pageWidth - 2 * PAGE_MARGIN;
	const areaHeight = pageHeight - 2 * PAGE_MARGIN;
	const fitScale = Math.min(areaWidth / (drawing.width * PX_TO_PT), areaHeight / (drawing.height * PX_TO_PT), 1);
	const scale = Math.max(fitScale, MIN_PDF_SCALE) * PX_TO_PT;
	// Chart pixels per page.
	const tileWidth = areaWidth / scale;
	const tileHeight = areaHeight / scale;
	const across = Math.max(1, Math.ceil(drawing.width / tileWidth - 1e-6));
	const down = Math.max(1, Math.ceil(drawing.height / tileHeight - 1e-6));

	for (let row = 0; row < down; row++) {
		for (let column = 0; column < across; column++) {
			if (row > 0 || column > 0) doc.addPage();
			const left = column * tileWidth;
			const top = row * tileHeight;
			const px = (x: number) => PAGE_MARGIN + (x - left) * scale;
			const py = (y: number) => PAGE_MARGIN + (y - top) * scale;
			if (across * down > 1) {
				doc.setFont('helvetica', 'normal');
				doc.setFontSize(8);
				doc.setTextColor(...hexToRgb(COLOURS.muted));
				doc.text(`${title} · page ${row * across + column + 1} of ${across * down} (row ${row + 1}, column ${column + 1})`, PAGE_MARGIN, PAGE_MARGIN - 8);
			}
			doc.saveGraphicsState();
			doc.rect(PAGE_MARGIN, PAGE_MARGIN, areaWidth, areaHeight, null);
			doc.clip();
			doc.discardPath();
			const visible = (x: number, y: number, width: number, height: number) =>
				x + width >= left && x <= left + tileWidth && y + height >= top && y <= top + tileHeight;

			doc.setDrawColor(...hexToRgb(COLOURS.line));
			doc.setLineWidth(1.5 * scale);
			for (const points of drawing.connectors) {
				for (let index = 1; index < points.length; index++) {
					const [x1, y1] = points[index - 1];
					const [x2, y2] = points[index];
					if (!visible(Math.min(x1, x2), Math.min(y1, y2), Math.abs(x2 - x1), Math.abs(y2 - y1))) continue;
					doc.line(px(x1), py(y1), px(x2), py(y2));
				}
			}
			doc.setLineWidth(1 * scale);
			for (const card of drawing.cards) {
				if (!visible(card.x, card.y, CARD_WIDTH, CARD_HEIGHT + 10)) continue;
				doc.setDrawColor(...hexToRgb(COLOURS.border));
				doc.setFillColor(...hexToRgb(card.dashed ? COLOURS.canvas : COLOURS.surface));
				if (card.dashed) doc.setLineDashPattern([5 * scale, 4 * scale], 0);
				doc.roundedRect(px(card.x), py(card.y), CARD_WIDTH * scale, CARD_HEIGHT * scale, RADIUS * scale, RADIUS * scale, 'FD');
				if (card.dashed) doc.setLineDashPattern([], 0);
				if (card.avatar) {
					doc.setFillColor(...hexToRgb(card.avatar.colour));
					doc.circle(px(card.avatar.cx), py(card.avatar.cy), card.avatar.r * scale, 'F');
				}
				if (card.badge) {
					const { cx, cy, width } = card.badge;
					doc.setFillColor(...hexToRgb(COLOURS.surface));
					doc.roundedRect(px(cx - width / 2), py(cy - 10), width * scale, 20 * scale, 10 * scale, 10 * scale, 'FD');
				}
				for (const text of card.texts) {
					const font = FONTS[text.role];
					doc.setFont('helvetica', font.weight >= 600 ? 'bold' : 'normal');
					doc.setFontSize(font.size * scale);
					doc.setTextColor(...hexToRgb(text.colour));
					// Helvetica is wider than some screen fonts: shorten again what would run past the card.
					let line = text.text;
					while (text.anchor === 'start' && line.length > 1 && doc.getTextWidth(line) > TEXT_WIDTH * scale) line = `${line.replace(/…$/, '').slice(0, -1).trimEnd()}…`;
					doc.text(line, px(text.x), py(text.y), { align: text.anchor === 'middle' ? 'center' : 'left' });
				}
			}
			doc.restoreGraphicsState();
		}
	}
	return { blob: doc.output('blob'), pages: across * down, missing: lettersPdfLacks(drawing) };
}

/** Saves `blob` as a download named `filename` (a blob: link; the CSP governs fetches, not downloads). */
export function download(blob: Blob, filename: string): void {
	const url = URL.createObjectURL(blob);
	const link = document.createElement('a');
	link.href = url;
	link.download = filename;
	link.hidden = true;
	document.body.append(link);
	link.click();
	link.remove();
	setTimeout(() => URL.revokeObjectURL(url), 30_000);
}
