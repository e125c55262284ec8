// Injected into the measured pages before their own scripts (page.addInitScript) by the
// browser-render bench. Plain JavaScript, so no build step touches it.
//
// 1. Frames: records the time of every animation frame while recording, for dropped frames.
// 2. A hidden tab: headless Chromium never hides a page (another tab in front, a minimized window:
//    document.visibilityState stays 'visible' and frames keep coming), so hide()/show() apply
//    what Chromium does to a background tab: visibilityState 'hidden' and a visibilitychange
//    event, no animation frames (callbacks wait until the tab is shown), and timers woken at most
//    once a second.
// 3. What the page has received: every streamed response (text/event-stream) is read a second time
//    through a tee, and the last marker "(ref:00042)" in it is remembered with the time it arrived.
// 4. showAndWaitFor(selector): shows the tab and resolves how many ms passed until the last element
//    matching `selector` contains the last marker received, checked once per frame, after the
//    page's own frame callbacks; watchEnd(selector, marker) / endLag(): how long after the answer's
//    last marker arrived it was on screen.
(() => {
	const realRequestFrame = window.requestAnimationFrame.bind(window);
	const realCancelFrame = window.cancelAnimationFrame.bind(window);
	const realSetTimeout = window.setTimeout.bind(window);
	let hidden = false;
	let recording = false;
	/** Frame times; NaN marks a hidden stretch, whose gap is not a dropped frame. */
	const frames = [];
	/** Frame callbacks asked for while hidden, by id, run in order once shown. */
	const held = new Map();

	const tick = (time) => {
		if (recording && !hidden) frames.push(time);
		realRequestFrame(tick);
	};
	realRequestFrame(tick);

	window.requestAnimationFrame = (callback) => {
		const id = realRequestFrame((time) => {
			if (hidden) held.set(id, callback);
			else callback(time);
		});
		return id;
	};
	window.cancelAnimationFrame = (id) => {
		held.delete(id);
		realCancelFrame(id);
	};
	window.setTimeout = (handler, delay = 0, ...args) => {
		if (!hidden || typeof handler !== 'function') return realSetTimeout(handler, delay, ...args);
		const now = performance.now();
		const wake = Math.max(now + delay, Math.ceil(now / 1000) * 1000);
		return realSetTimeout(handler, wake - now, ...args);
	};
	Object.defineProperty(Document.prototype, 'visibilityState', { configurable: true, get: () => (hidden ? 'hidden' : 'visible') });
	Object.defineProperty(Document.prototype, 'hidden', { configurable: true, get: () => hidden });

	const MARKER = /\(ref:\d{5}\)/g;
	let lastMarker = null;
	let lastMarkerAt = 0;
	let endLag = Promise.resolve({ lagMs: Number.NaN, shownAt: Number.NaN });
	const realFetch = window.fetch.bind(window);
	window.fetch = async (...args) => {
		const response = await realFetch(...args);
		if (!response.body || !(response.headers.get('content-type') ?? '').includes('text/event-stream')) return response;
		const [forPage, forProbe] = response.body.tee();
		void (async () => {
			const reader = forProbe.pipeThrough(new TextDecoderStream()).getReader();
			let tail = '';
			for (;;) {
				const { done, value } = await reader.read();
				if (done) return;
				const found = (tail + value).match(MARKER);
				if (found) {
					lastMarker = found[found.length - 1];
					lastMarkerAt = performance.now();
				}
				tail = value.slice(-16);
			}
		})().catch(() => {});
		return new Response(forPage, { status: response.status, statusText: response.statusText, headers: response.headers });
	};

	const untilShown = (selector, text, since, timeoutMs) =>
		new Promise((resolve) => {
			const check = () => {
				const nodes = document.querySelectorAll(selector);
				const node = nodes[nodes.length - 1];
				if (node && node.textContent.includes(text)) resolve(performance.now() - since);
				else if (performance.now() - since > timeoutMs) resolve(Number.POSITIVE_INFINITY);
				else realRequestFrame(check);
			};
			realRequestFrame(check);
		});

	const setHidden = (value) => {
		hidden = value;
		document.dispatchEvent(new Event('visibilitychange'));
	};

	window.__benchProbe = {
		start() {
			frames.length = 0;
			recording = true;
		},
		stop() {
			recording = false;
			return frames.slice();
		},
		hide() {
			frames.push(NaN);
			setHidden(true);
		},
		showAndWaitFor(selector, timeoutMs = 30000) {
			const shownAt = performance.now();
			const text = lastMarker;
			setHidden(false);
			realRequestFrame((time) => {
				const waiting = [...held.values()];
				held.clear();
				for (const callback of waiting) callback(time);
			});
			return untilShown(selector, text, shownAt, timeoutMs);
		},
		/** Starts watching for `text` (the answer's last marker): endLag() then resolves how many ms after it arrived it was on screen, and when (ms since the epoch). */
		watchEnd(selector, text, timeoutMs = 600000) {
			const since = performance.now();
			endLag = (async () => {
				while (lastMarker !== text) {
					if (performance.now() - since > timeoutMs) return { lagMs: Number.POSITIVE_INFINITY, shownAt: performance.timeOrigin + performance.now() };
					await new Promise((resolve) => realSetTimeout(resolve, 20));
				}
				const lagMs = await untilShown(selector, text, lastMarkerAt, timeoutMs);
				return { lagMs, shownAt: performance.timeOrigin + performance.now() };
			})();
		},
		endLag: () => endLag
	};
})();
