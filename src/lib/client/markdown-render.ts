/**
 * Markdown → sanitized HTML for assistant messages. Model output is untrusted: everything goes
 * through DOMPurify, and links open in a new tab without access to this page.
 */
import DOMPurify from 'dompurify';
import { marked } from 'marked';

let hooked = false;

function ensureLinkHook(): void {
	if (hooked) return;
	hooked = true;
	DOMPurify.addHook('afterSanitizeAttributes', (node) => {
		if (node.tagName === 'A' && node.hasAttribute('href')) {
			node.setAttribute('target', '_blank');
			node.setAttribute('rel', 'noopener noreferrer');
		}
	});
}

const cache = new Map<string, string>();
const CACHE_LIMIT = 400;

/** Renders one markdown block to safe HTML. Finished blocks are cached; pass `cacheable: false` for the open block. */
export function renderMarkdown(block: string, cacheable = true): string {
	const cached = cacheable ? cache.get(block) : undefined;
	if (cached !== undefined) return cached;
	ensureLinkHook();
	const html = DOMPurify.sanitize(marked.parse(block, { async: false, gfm: true, breaks: true }), {
		FORBID_TAGS: ['style', 'form', 'input', 'button', 'iframe'],
		FORBID_ATTR: ['style']
	});
	if (cacheable) {
		if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value as string);
		cache.set(block, html);
	}
	return html;
}
