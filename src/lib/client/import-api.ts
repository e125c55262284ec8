/**
 * CSV import from the browser: the file goes up with XMLHttpRequest (the one browser API that
 * reports upload progress), the preview comes back as JSON, and applying streams the server's
 * progress as SSE, read incrementally with eventsource-parser.
 */
import { createParser } from 'eventsource-parser';
import { ApiError } from './api';

export type ImportField =
	| 'name' | 'firstName' | 'lastName' | 'title' | 'department' | 'email' | 'location' | 'manager' | 'managerEmail' | 'managerId' | 'startDate' | 'vacancy' | 'dottedLineManagers' | 'photoUrl' | 'id';

export const IMPORT_FIELD_LABELS: Record<ImportField, string> = {
	name: 'Name',
	firstName: 'First name',
	lastName: 'Last name',
	title: 'Title',
	department: 'Department',
	email: 'Email',
	location: 'Location',
	manager: 'Manager (name or email)',
	managerEmail: 'Manager email',
	managerId: 'Manager id',
	startDate: 'Start date',
	vacancy: 'Open role',
	dottedLineManagers: 'Dotted-line managers',
	photoUrl: 'Photo URL',
	id: 'Id'
};

export type ImportSummary = { add: number; update: number; unchanged: number; errors: number };
export type ImportPreviewRow = {
	line: number;
	action: 'add' | 'update' | 'unchanged';
	person: { name: string; title: string; department: string | null; email: string | null; location: string | null; manager: string | null; startDate: string | null; vacancy: boolean };
	errors: { column: string; message: string }[];
};
export type ImportPreview = { summary: ImportSummary; rows: ImportPreviewRow[]; columns: { header: string; field: ImportField | null }[]; rowsTruncated: boolean };
export type ImportProgress = { phase: 'uploading' | 'applying'; done: number; total: number };
export type ImportResult = { summary: ImportSummary; changeId: string | null };
export type ImportMapping = Record<string, ImportField | null>;

function importUrl(orgId: string, dryRun: boolean, mapping?: ImportMapping): string {
	const query = new URLSearchParams();
	if (dryRun) query.set('dryRun', '1');
	if (mapping) query.set('columns', JSON.stringify(mapping));
	return `/api/orgs/${encodeURIComponent(orgId)}/import?${query}`;
}

/** The server's `{ error: { code, message } }`, as an ApiError. */
function errorOf(status: number, text: string): ApiError {
	try {
		const { error } = JSON.parse(text) as { error: { code: string; message: string } };
		if (error?.message) return new ApiError(error.code, error.message, status);
	} catch {
		// Not JSON.
	}
	return new ApiError(`http_${status}`, status === 0 ? 'The server could not be reached. Check your connection and try again.' : `The server answered with an error (HTTP ${status}).`, status);
}

function send(url: string, file: Blob, accept: string, onUpload: (done: number, total: number) => void, onText?: (text: string) => void): Promise<{ status: number; text: string }> {
	return new Promise((resolve) => {
		const request = new XMLHttpRequest();
		request.open('POST', url);
		request.setRequestHeader('content-type', 'text/csv');
		request.setRequestHeader('accept', accept);
		request.upload.onprogress = (event) => onUpload(event.loaded, event.lengthComputable ? event.total : file.size);
		if (onText) request.onprogress = () => onText(request.responseText);
		request.onload = () => resolve({ status: request.status, text: request.responseText });
		request.onerror = () => resolve({ status: 0, text: '' });
		request.send(file);
	});
}

/** What importing `file` would do; writes nothing. */
export async function previewImport(orgId: string, file: Blob, mapping: ImportMapping | undefined, onProgress: (progress: ImportProgress) => void): Promise<ImportPreview> {
	const { status, text } = await send(importUrl(orgId, true, mapping), file, 'application/json', (done, total) => onProgress({ phase: 'uploading', done, total }));
	if (status !== 200) throw errorOf(status, text);
	return JSON.parse(text) as ImportPreview;
}

type ApplyEvent =
	| { type: 'progress'; done: number; total: number }
	| { type: 'result'; summary: ImportSummary; changeId: string | null }
	| { type: 'error'; error: string; code: string };

/** Applies the import, reporting the upload and then the rows written. */
export async function applyImport(orgId: string, file: Blob, mapping: ImportMapping | undefined, onProgress: (progress: ImportProgress) => void): Promise<ImportResult> {
	let outcome: ApplyEvent | null = null;
	let fed = 0;
	const parser = createParser({
		onEvent: (message) => {
			const event = JSON.parse(message.data) as ApplyEvent;
			if (event.type === 'progress') onProgress({ phase: 'applying', done: event.done, total: event.total });
			else outcome = event;
		}
	});
	const feed = (text: string) => {
		parser.feed(text.slice(fed));
		fed = text.length;
	};
	const { status, text } = await send(importUrl(orgId, false, mapping), file, 'text/event-stream', (done, total) => onProgress({ phase: 'uploading', done, total }), feed);
	if (status !== 200) throw errorOf(status, text);
	feed(text);
	const ended = outcome as ApplyEvent | null;
	if (!ended) throw new ApiError('interrupted', 'The import was cut off before the server said how it ended. Check the chart, then try again if needed.', status);
	if (ended.type === 'error') throw new ApiError(ended.code, ended.error, status);
	if (ended.type !== 'result') throw new ApiError('interrupted', 'The import ended without a result.', status);
	return { summary: ended.summary, changeId: ended.changeId };
}
