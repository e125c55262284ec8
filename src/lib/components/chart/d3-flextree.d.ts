// d3-flextree ships no types; this covers the part the chart layout uses.
declare module 'd3-flextree' {
	import type { HierarchyNode } from 'd3-hierarchy';

	export interface FlexNode<Datum> extends HierarchyNode<Datum> {
		x: number;
		y: number;
		readonly children?: FlexNode<Datum>[];
		each(callback: (node: FlexNode<Datum>) => void): this;
	}

	export interface FlexTreeLayout<Datum> {
		(root: FlexNode<Datum>): FlexNode<Datum>;
		hierarchy(data: Datum, children?: (datum: Datum) => Datum[] | null | undefined): FlexNode<Datum>;
	}

	export function flextree<Datum>(options?: {
		nodeSize?: (node: FlexNode<Datum>) => [number, number];
		spacing?: number | ((a: FlexNode<Datum>, b: FlexNode<Datum>) => number);
	}): FlexTreeLayout<Datum>;
}
