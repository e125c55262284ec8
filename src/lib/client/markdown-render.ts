/**
 * Markdown → sanitized HTML for assistant messages. Model output is untrusted: everything goes
 * through DOMPurify, links open in a new tab without access to this page, and nothing loads
 * by itself — an image (markdown or HTML) becomes a link to it, so a crafted answer cannot
 * send data to another server just by being shown.
 */
import DOMPurify from 'dompurify';
import { marked } from 'marked';

/** Tags that could load something or run something; images are turned into links first. */
const FORBID_TAGS = ['style', 'form', 'input', 'button', 'iframe', 'img', 'picture', 'source', 'video', 'audio', 'track', 'svg', 'math', 'object', 'embed', 'link', 'meta', 'base'];
const FORBID_ATTR = ['style', 'srcset', 'poster', 'background', 'ping', 'formaction', 'xlink:href'];

/**
 * Event-handler attributes in raw HTML are renamed before anything parses it: even DOMPurify's
 * inert parse makes Chrome try to compile them (the page's CSP blocks that, but reports each
 * one as an error). The renamed attribute is then dropped (no data-* attributes are allowed).
 * A tag runs to the next < or >, so each character is looked at once.
 */
const TAG = /<[a-zA-Z][^<>]*>/g;
const HANDLER = /([\s"'/])on([a-z]+\s*=)/gi;
const disarmHandlers = (html: string): string => html.replace(TAG, (tag) => tag.replace(HANDLER, '$1data-disarmed-on$2'));

let hooked = false;

function ensureHooks(): void {
	if (hooked) return;
	hooked = true;
	// Runs on DOMPurify's inert copy of the HTML, so the image is never fetched. The link is
	// inserted after it and sanitized like any other link (javascript:/data: hrefs are dropped).
	DOMPurify.addHook('uponSanitizeElement', (node, data) => {
		if (data.tagName !== 'img') return;
		const image = node as Element;
		const src = image.getAttribute('src') ?? '';
		const link = image.ownerDocument.createElement('a');
		link.textContent = image.getAttribute('alt') || src || 'image';
		if (src) link.setAttribute('href', src);
		image.after(link);
	});
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
	ensureHooks();
	const markup = disarmHandlers(marked.parse(block, { async: false, gfm: true, breaks: true }));
	const html = DOMPurify.sanitize(markup, { FORBID_TAGS, FORBID_ATTR, ALLOW_DATA_ATTR: false });
	if (cacheable) {
		if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value as string);
		cache.set(block, html);
	}
	return html;
}
