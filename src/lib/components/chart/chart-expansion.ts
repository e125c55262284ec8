/** Which managers start collapsed, and opening the path to a person. Pure set arithmetic. */
import type { ReportingTree } from './reporting-tree';
import { depthsOf, managersAbove } from './reporting-tree';

/** Orgs larger than this open with the deeper levels collapsed (FIELD-NOTES org chart #1). */
export const LARGE_ORG = 150;
/** Levels shown when a large org opens: the root and two levels below it. */
export const OPEN_LEVELS = 3;

/** Managers to collapse when an org is first shown: none for small orgs. */
export function initiallyCollapsed(tree: ReportingTree, largeOrg = LARGE_ORG, openLevels = OPEN_LEVELS): Set<string> {
	const collapsed = new Set<string>();
	if (tree.byId.size <= largeOrg) return collapsed;
	for (const [id, depth] of depthsOf(tree)) {
		if (depth === openLevels - 1 && (tree.reportsOf.get(id)?.length ?? 0) > 0) collapsed.add(id);
	}
	return collapsed;
}

/** A copy of `collapsed` with every manager above `id` opened, so the person is visible. */
export function expandPathTo(tree: ReportingTree, collapsed: ReadonlySet<string>, id: string): Set<string> {
	const next = new Set(collapsed);
	for (const managerId of managersAbove(tree, id)) next.delete(managerId);
	return next;
}

/** Drops ids of people who no longer exist, so a re-added id does not come back collapsed (the same set when none left). */
export function pruneCollapsed(tree: ReportingTree, collapsed: ReadonlySet<string>): ReadonlySet<string> {
	const kept = [...collapsed].filter((id) => tree.byId.has(id));
	return kept.length === collapsed.size ? collapsed : new Set(kept);
}
