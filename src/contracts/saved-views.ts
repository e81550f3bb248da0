import { z } from 'zod';
import { staffRole, text } from './common.js';

/**
 * Saved views of the staff worklists (issue 19 §4): a worklist's filters and sort under a name,
 * shown as tabs; administrators may share one with a role. A view keeps the address's parameters
 * only — never the search box's text (a name or an ID number typed there is a family's data) nor
 * the paging cursor.
 */
export const WORKLISTS = ['requests', 'complaints', 'inquiries', 'families', 'outbox'] as const;
export type WorklistKey = (typeof WORKLISTS)[number];

/** Parameters a view never keeps: free text people type (personal data, F2) and paging state. */
const UNSAVED_PARAMS: readonly string[] = ['q', 'search', 'cursor', 'view'];

/**
 * The address's parameters a view keeps — all but free text, paging and empty ones — in a stable
 * order, so the server stores and the browser compares the same thing.
 */
export function keptViewParams(entries: Iterable<[string, string]>): Record<string, string> {
  return Object.fromEntries(
    [...entries].filter(([key, value]) => !UNSAVED_PARAMS.includes(key) && value !== '').sort(([a], [b]) => a.localeCompare(b)),
  );
}

/** At most this many views of one worklist per person, so the tabs stay readable. */
export const MAX_VIEWS_PER_WORKLIST = 20;

const paramKey = /^[a-zA-Z][a-zA-Z0-9_.-]{0,39}$/;

/** The parameters as a map; keys and values checked, free text dropped by the server (`keptViewParams`). */
export const viewParams = z
  .record(z.string().regex(paramKey, 'field.invalid-characters'), z.string().max(200, 'field.too-long'))
  .refine((value) => Object.keys(value).length <= 20, 'field.too-long');

export const savedViewQuery = z.strictObject({ worklist: z.enum(WORKLISTS) });

export const createSavedViewBody = z.strictObject({
  worklist: z.enum(WORKLISTS),
  name: text(60),
  params: viewParams,
  /** Administrators only: everyone holding this role sees the view. */
  sharedRole: staffRole.nullable().optional(),
});
export type CreateSavedViewBody = z.infer<typeof createSavedViewBody>;

export const savedView = z.object({
  id: z.string(),
  worklist: z.enum(WORKLISTS),
  name: z.string(),
  params: z.record(z.string(), z.string()),
  sharedRole: staffRole.nullable(),
  isMine: z.boolean(),
  abilities: z.object({ delete: z.boolean() }),
  createdAt: z.string(),
});
export type SavedView = z.infer<typeof savedView>;

/** The views, and whether this person may share a view with a role (administrators). */
export const savedViewList = z.object({ items: z.array(savedView), abilities: z.object({ share: z.boolean() }) });
export type SavedViewList = z.infer<typeof savedViewList>;
