/**
 * Measurements taken inside the chart's page, so that the time Playwright's round trips take on a
 * busy machine is not counted: a script installed before the page's own (addInitScript) that
 * notes when the first card is on screen, and functions the suite calls to expand a manager, to
 * search and fly to a person, and to record frame times. Plain JavaScript in a string: it runs in
 * the page as written.
 */
export const chartProbeScript = String.raw`(() => {
	const nextFrame = () => new Promise((resolve) => requestAnimationFrame(resolve));
	async function until(test, what, timeout = 30000) {
		const start = performance.now();
		for (;;) {
			const value = test();
			if (value) return value;
			if (performance.now() - start > timeout) throw new Error('timed out waiting for ' + what);
			await nextFrame();
		}
	}
	const pane = () => document.querySelector('.svelte-flow').getBoundingClientRect();
	const cards = () => [...document.querySelectorAll('[data-testid="person-card"]')];
	const drawn = (card) => {
		const box = card.getBoundingClientRect();
		const node = card.closest('.svelte-flow__node') || card;
		return box.width > 0 && getComputedStyle(node).visibility !== 'hidden';
	};
	const onScreen = (card) => {
		const box = card.getBoundingClientRect();
		const area = pane();
		return drawn(card) && box.left >= area.left && box.right <= area.right && box.top >= area.top && box.bottom <= area.bottom;
	};
	const centred = (card) => {
		const box = card.getBoundingClientRect();
		const area = pane();
		return Math.abs(box.left + box.width / 2 - (area.left + area.width / 2)) < 3 && Math.abs(box.top + box.height / 2 - (area.top + area.height / 2)) < 3;
	};

	let firstCardAt = null;
	const watch = () => {
		if (cards().some(onScreen)) firstCardAt = performance.now();
		else requestAnimationFrame(watch);
	};
	requestAnimationFrame(watch);

	let frames = null;
	const record = (time) => {
		if (!frames) return;
		frames.push(time);
		requestAnimationFrame(record);
	};

	window.__chartProbe = {
		/** ms from the start of navigation to the first frame with a person card on screen (null until then). */
		firstCardAt: () => firstCardAt,
		/** Opens the first collapsed manager on screen: ms until a card of one of their reports is drawn. */
		async expand() {
			// A manager in the upper part of the pane, so their reports (drawn below them) are on screen too.
			const collapsedOnScreen = () =>
				cards().find((candidate) => onScreen(candidate) && candidate.getBoundingClientRect().bottom < pane().top + pane().height * 0.7 && candidate.querySelector('button[aria-expanded="false"]'));
			if (!collapsedOnScreen()) {
				[...document.querySelectorAll('button')].find((button) => button.textContent.includes('Fit to screen'))?.click();
				await new Promise((resolve) => setTimeout(resolve, 700));
			}
			const card = collapsedOnScreen();
			if (!card) throw new Error('no collapsed manager on screen');
			const name = card.dataset.personName;
			const before = new Set(cards().map((candidate) => candidate.dataset.personId));
			const start = performance.now();
			card.querySelector('button[aria-expanded="false"]').click();
			await until(() => cards().some((report) => report.dataset.managerName === name && !before.has(report.dataset.personId) && drawn(report)), 'the reports of ' + name);
			return performance.now() - start;
		},
		/** Types a query into the search box, picks the person with this id: ms until their card is on screen and centred. */
		async flyTo(query, id) {
			const input = document.getElementById('chart-search');
			input.focus();
			const start = performance.now();
			input.value = query;
			input.dispatchEvent(new Event('input', { bubbles: true }));
			const option = await until(() => document.querySelector('[role="option"][data-person-id="' + id + '"]'), 'a search result for ' + query);
			const found = performance.now() - start;
			option.dispatchEvent(new MouseEvent('mousedown', { bubbles: true, cancelable: true }));
			await until(() => {
				const card = document.querySelector('[data-testid="person-card"][data-person-id="' + id + '"]');
				return card && onScreen(card) && centred(card);
			}, 'the card of ' + query + ', centred');
			input.blur();
			return { ms: performance.now() - start, found };
		},
		/** A point of the empty pane (no card under it) to start a drag from. */
		emptyPoint() {
			const area = pane();
			for (let y = area.top + area.height * 0.3; y < area.bottom - 40; y += 23) {
				for (let x = area.left + area.width * 0.3; x < area.right - 40; x += 31) {
					if (document.elementFromPoint(x, y)?.classList.contains('svelte-flow__pane')) return { x, y };
				}
			}
			return { x: area.left + area.width / 2, y: area.top + area.height / 2 };
		},
		startFrames() {
			frames = [];
			requestAnimationFrame(record);
		},
		/** Milliseconds between the frames drawn since startFrames. */
		stopFrames() {
			const times = frames || [];
			frames = null;
			return times.slice(1).map((time, index) => time - times[index]);
		},
		cardsDrawn: () => cards().filter(drawn).length
	};
})();`;
