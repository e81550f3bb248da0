import type { Kysely } from 'kysely';
import {
  NOTIFICATION_EVENTS,
  type NotificationEvent,
  type Template,
  type TemplateChannel,
  type UpdateTemplateBody,
} from '../../contracts/notifications.js';
import type { AppContext } from '../../platform/context.js';
import type { Database, MessageTemplateTable } from '../../platform/db/schema.js';
import { AppError, type FieldError } from '../../platform/http/app-error.js';
import { recordAudit } from '../audit/index.js';
import { CHANNELS_WITH_SUBJECT, EVENTS } from './notifications.events.js';
import { defaultTemplate, type TemplateText } from './templates.defaults.js';
import { checkTemplate } from './templates.render.js';

/**
 * Message templates per event, channel and language (issue 4 §7): the shipped defaults, with an
 * administrator's edits stored over them. Placeholders are checked when a template is saved, so
 * a message never goes out with a `{{typo}}` in it.
 */
type Db = Kysely<Database>;
type Language = 'ar' | 'en';
type Actor = { id: string };

const LANGUAGES: readonly Language[] = ['ar', 'en'];

function assertTemplateExists(event: NotificationEvent, channel: TemplateChannel): void {
  if (!EVENTS[event].channels.includes(channel)) {
    throw AppError.notFound('template.not-found', `The event ${event} has no ${channel} template`);
  }
}

function present(event: NotificationEvent, channel: TemplateChannel, language: Language, stored: MessageTemplateTable | undefined) {
  const text = stored
    ? { subject: stored.subject, body: stored.body, whatsappTemplate: stored.whatsapp_template }
    : (defaultTemplate(event, channel, language) as TemplateText);
  return {
    event,
    channel,
    language,
    subject: text.subject,
    body: text.body,
    whatsappTemplate: text.whatsappTemplate,
    isEdited: Boolean(stored),
    updatedAt: stored?.updated_at ?? null,
  } satisfies Template;
}

async function findStored(db: Db, event: string, channel: string, language: string) {
  return db
    .selectFrom('message_templates')
    .selectAll()
    .where('event', '=', event)
    .where('channel', '=', channel)
    .where('language', '=', language)
    .executeTakeFirst();
}

/** The template a message is rendered from, read in the caller's transaction. */
export async function resolveTemplate(
  db: Db,
  event: NotificationEvent,
  channel: TemplateChannel,
  language: Language,
): Promise<TemplateText> {
  assertTemplateExists(event, channel);
  return textOf(present(event, channel, language, await findStored(db, event, channel, language)));
}

const textOf = (t: Template): TemplateText => ({ subject: t.subject, body: t.body, whatsappTemplate: t.whatsappTemplate });

/**
 * Every template of `event` in one read (a bulk send's batch; issue 20 "per-batch reads"): the
 * function answers what `resolveTemplate` would for each channel and language.
 */
export async function resolveEventTemplates(
  db: Db,
  event: NotificationEvent,
): Promise<(channel: TemplateChannel, language: Language) => TemplateText> {
  const stored = await db.selectFrom('message_templates').selectAll().where('event', '=', event).execute();
  return (channel, language) => {
    assertTemplateExists(event, channel);
    return textOf(
      present(
        event,
        channel,
        language,
        stored.find((row) => row.channel === channel && row.language === language),
      ),
    );
  };
}

/** Every event with its placeholders and templates: the template editor's page. */
export async function listTemplateCatalog(ctx: AppContext) {
  const stored = await ctx.db.selectFrom('message_templates').selectAll().execute();
  const byKey = new Map(stored.map((row) => [`${row.event}|${row.channel}|${row.language}`, row]));
  return NOTIFICATION_EVENTS.map((event) => {
    const definition = EVENTS[event];
    return {
      event,
      placeholders: [...definition.placeholders],
      requiredPlaceholders: [...definition.requiredPlaceholders],
      channels: [...definition.channels],
      isSensitive: definition.isSensitive,
      templates: definition.channels.flatMap((channel) =>
        LANGUAGES.map((language) => present(event, channel, language, byKey.get(`${event}|${channel}|${language}`))),
      ),
    };
  });
}

export async function getTemplate(
  ctx: AppContext,
  event: NotificationEvent,
  channel: TemplateChannel,
  language: Language,
): Promise<Template> {
  assertTemplateExists(event, channel);
  return present(event, channel, language, await findStored(ctx.db, event, channel, language));
}

/** Refusals name the field and the placeholder, so the editor can point at it. */
function validateTemplate(event: NotificationEvent, channel: TemplateChannel, body: UpdateTemplateBody): FieldError[] {
  const definition = EVENTS[event];
  const errors: FieldError[] = [];
  const hasSubject = CHANNELS_WITH_SUBJECT.includes(channel);
  const subject = body.subject ?? null;
  if (!hasSubject && subject !== null)
    errors.push({ pointer: '/subject', code: 'template.no-subject', detail: `A ${channel} message has no subject` });
  if (channel === 'email' && !subject) errors.push({ pointer: '/subject', code: 'field.required', detail: 'An e-mail needs a subject' });
  if (channel === 'whatsapp' && !body.whatsappTemplate)
    errors.push({ pointer: '/whatsappTemplate', code: 'field.required', detail: 'Name the template approved in WhatsApp Manager' });
  if (channel !== 'whatsapp' && body.whatsappTemplate)
    errors.push({ pointer: '/whatsappTemplate', code: 'template.not-whatsapp', detail: 'Only WhatsApp templates have an approved name' });
  const fields: Array<[string, string | null, readonly string[]]> = [
    ['/body', body.body, definition.requiredPlaceholders],
    ['/subject', subject, []],
  ];
  for (const [pointer, text, required] of fields) {
    if (text === null) continue;
    for (const issue of checkTemplate(text, { allowed: definition.placeholders, required })) {
      errors.push({ pointer, code: issue.code, detail: issue.detail });
    }
  }
  return errors;
}

export async function updateTemplate(
  ctx: AppContext,
  actor: Actor,
  { event, channel, language }: { event: NotificationEvent; channel: TemplateChannel; language: Language },
  body: UpdateTemplateBody,
): Promise<Template> {
  assertTemplateExists(event, channel);
  const errors = validateTemplate(event, channel, body);
  if (errors.length) {
    const unknown = errors.find((e) => e.code === 'template.unknown-placeholder');
    throw AppError.badRequest(
      unknown ? 'template.unknown-placeholder' : 'template.invalid',
      unknown?.detail ?? 'The template is not valid',
      errors,
    );
  }
  const now = ctx.clock.now().toISOString();
  const row: MessageTemplateTable = {
    event,
    channel,
    language,
    subject: body.subject ?? null,
    body: body.body,
    whatsapp_template: body.whatsappTemplate ?? null,
    updated_at: now,
    updated_by: actor.id,
  };
  await ctx.db.transaction().execute(async (trx) => {
    await trx
      .insertInto('message_templates')
      .values(row)
      .onConflict((oc) =>
        oc.columns(['event', 'channel', 'language']).doUpdateSet({
          subject: row.subject,
          body: row.body,
          whatsapp_template: row.whatsapp_template,
          updated_at: row.updated_at,
          updated_by: row.updated_by,
        }),
      )
      .execute();
    await recordAudit(trx, {
      at: ctx.clock.now(),
      actor: { kind: 'staff', id: actor.id },
      action: 'template.update',
      entity: 'message_template',
      entityId: `${event}/${channel}/${language}`,
      fields: ['subject', 'body', 'whatsappTemplate'],
    });
  });
  return present(event, channel, language, row);
}

/** Back to the shipped default. */
export async function resetTemplate(
  ctx: AppContext,
  actor: Actor,
  { event, channel, language }: { event: NotificationEvent; channel: TemplateChannel; language: Language },
): Promise<Template> {
  assertTemplateExists(event, channel);
  await ctx.db.transaction().execute(async (trx) => {
    await trx
      .deleteFrom('message_templates')
      .where('event', '=', event)
      .where('channel', '=', channel)
      .where('language', '=', language)
      .execute();
    await recordAudit(trx, {
      at: ctx.clock.now(),
      actor: { kind: 'staff', id: actor.id },
      action: 'template.reset',
      entity: 'message_template',
      entityId: `${event}/${channel}/${language}`,
    });
  });
  return present(event, channel, language, undefined);
}
