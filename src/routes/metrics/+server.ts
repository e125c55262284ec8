import { getEnv } from '$lib/server/env';
import { metricsExposition } from '$lib/server/metrics';
import { clientAddressOf, metricsRefusal, metricsRefusalResponse } from '$lib/server/metrics-access';
import type { RequestHandler } from './$types';

/** This instance's metrics in the Prometheus text format: to the METRICS_TOKEN bearer, or to loopback clients when it is unset. */
export const GET: RequestHandler = async ({ request, getClientAddress }) => {
	const refusal = metricsRefusal(getEnv(), request, clientAddressOf(getClientAddress));
	if (refusal) return metricsRefusalResponse(refusal);
	const { body, contentType } = await metricsExposition();
	return new Response(body, { headers: { 'content-type': contentType, 'cache-control': 'no-store' } });
};
