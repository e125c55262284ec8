/** Request bodies of the account, organization and token routes. */
import { z } from 'zod';
import { memberRoles } from '../db/schema';

const email = z.email('That is not a valid email address.').max(254, 'The email address is too long.');
const password = z.string('The password is required.').min(1, 'The password is required.').max(256, 'The password is too long.');
const newPassword = z.string('The password is required.').min(8, 'The password needs at least 8 characters.').max(256, 'The password is too long.');
const personName = z.string('The name is required.').trim().min(1, 'The name is required.').max(200, 'The name is too long.');
const role = z.enum(memberRoles, `The role must be one of: ${memberRoles.join(', ')}.`);

export const loginBody = z.object({ email, password }).strict();
export const setupBody = z.object({ email, password: newPassword, name: personName }).strict();
export const acceptInviteBody = z.object({ token: z.string().min(1).max(200), name: personName, password: newPassword }).strict();
export const newOrganizationBody = z
	.object({
		name: z.string('The name is required.').trim().min(1, 'The name is required.').max(120, 'The name is too long.'),
		slug: z
			.string()
			.trim()
			.toLowerCase()
			.regex(/^[a-z0-9](?:[a-z0-9-]{0,58}[a-z0-9])?$/, 'A slug is 1–60 lowercase letters, digits and hyphens.')
			.optional()
	})
	.strict();
export const invitationBody = z.object({ email, role }).strict();
export const memberChangeBody = z.object({ role }).strict();
export const newTokenBody = z
	.object({
		name: z.string('The token needs a name.').trim().min(1, 'The token needs a name.').max(100, 'The name is too long.'),
		orgId: z.string('orgId is required.').min(1).max(200),
		role: role.optional()
	})
	.strict();
