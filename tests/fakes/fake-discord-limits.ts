/**
 * Discord's documented payload limits, checked the way Discord checks them: a refused body is a 400
 * with code 50035 "Invalid Form Body" and, in `errors`, the path of every field that broke a rule.
 *
 * Sources (discord/discord-api-docs, commit c98d64b): resources/message.mdx (Create Message, Embed
 * Limits), components/reference.mdx (Action Row, Button, Text Input, Label), interactions/
 * receiving-and-responding.mdx (Modal), interactions/application-commands.mdx (names, options,
 * 8000-character command size), resources/channel.mdx (Start Thread from Message), reference.mdx
 * (the error shape and "Uploading Files").
 */

/** One broken rule at one field. */
export interface FieldError {
  /** The field path, e.g. `['components', 0, 'components', 1, 'custom_id']`; empty for the whole body. */
  readonly path: readonly (string | number)[];
  /** Discord's code, e.g. BASE_TYPE_MAX_LENGTH. */
  readonly code: string;
  /** Discord's sentence. */
  readonly message: string;
}

type Json = Record<string, unknown>;

const MAX_CONTENT = 2000;
const MAX_EMBEDS = 10;
const MAX_EMBED_TOTAL = 6000;
const EMBED_FIELD_LIMITS = { title: 256, description: 4096 } as const;
const MAX_EMBED_FIELDS = 25;
const MAX_FOOTER = 2048;
const MAX_AUTHOR_NAME = 256;
const MAX_ROWS = 5;
const MAX_BUTTONS_PER_ROW = 5;
const MAX_CUSTOM_ID = 100;
const MAX_BUTTON_LABEL = 80;
const MAX_ATTACHMENTS = 10;
const MAX_ALT_TEXT = 1024;
const MAX_MODAL_TITLE = 45;
const MAX_MODAL_COMPONENTS = 5;
const MAX_LABEL_LABEL = 45;
const MAX_TEXT_INPUT = 4000;
const MAX_PLACEHOLDER = 100;
const MAX_THREAD_NAME = 100;
const ARCHIVE_DURATIONS = [60, 1440, 4320, 10080];
const MAX_COMMAND_NAME = 32;
const MAX_COMMAND_DESCRIPTION = 100;
const MAX_OPTIONS = 25;
const MAX_OPTION_LENGTH = 6000;
const MAX_COMMAND_SIZE = 8000;
const COMMAND_NAME = /^[-_'\p{L}\p{N}\p{sc=Deva}\p{sc=Thai}]{1,32}$/u;
const COMMAND_CHAT_INPUT = 1;
const OPTION_SUBCOMMAND = 1;
const OPTION_SUBCOMMAND_GROUP = 2;
const OPTION_INTEGER = 4;
const OPTION_NUMBER = 10;
const COMPONENT_ACTION_ROW = 1;
const COMPONENT_BUTTON = 2;
const COMPONENT_TEXT_INPUT = 4;
const COMPONENT_LABEL = 18;
const BUTTON_LINK = 5;
const BUTTON_PREMIUM = 6;

/** Length as Discord counts it: Unicode code points. */
export function lengthOf(text: string): number {
  return [...text].length;
}

/** Whether `text` holds half of a surrogate pair (not valid Unicode, so not valid JSON text for Discord). */
export function hasLoneSurrogate(value: unknown): boolean {
  if (typeof value === 'string') return /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(value);
  if (Array.isArray(value)) return value.some(hasLoneSurrogate);
  if (value && typeof value === 'object') return Object.values(value).some(hasLoneSurrogate);
  return false;
}

/** Discord's 50035 body for these errors: `{ code, message, errors: { path… : { _errors: [...] } } }`. */
export function invalidFormBody(errors: readonly FieldError[]): Json {
  const tree: Json = {};
  for (const error of errors) {
    let node = tree;
    for (const key of error.path) node = (node[String(key)] ??= {}) as Json;
    ((node._errors ??= []) as unknown[]).push({ code: error.code, message: error.message });
  }
  return { code: 50035, errors: tree, message: 'Invalid Form Body' };
}

/** The rules for a message body (create, edit, follow-up, callback data); `fileCount` counts uploaded files. */
export function messageErrors(body: Json, fileCount: number, path: readonly (string | number)[] = []): FieldError[] {
  const errors: FieldError[] = [];
  const at = (...keys: (string | number)[]) => [...path, ...keys];
  maxLength(errors, body.content, MAX_CONTENT, at('content'));
  if (Array.isArray(body.embeds)) {
    maxItems(errors, body.embeds, MAX_EMBEDS, at('embeds'));
    let total = 0;
    body.embeds.forEach((embed: Json, index) => {
      for (const [field, limit] of Object.entries(EMBED_FIELD_LIMITS)) maxLength(errors, embed[field], limit, at('embeds', index, field));
      const footer = embed.footer as Json | undefined;
      maxLength(errors, footer?.text, MAX_FOOTER, at('embeds', index, 'footer', 'text'));
      maxLength(errors, (embed.author as Json | undefined)?.name, MAX_AUTHOR_NAME, at('embeds', index, 'author', 'name'));
      if (Array.isArray(embed.fields)) maxItems(errors, embed.fields, MAX_EMBED_FIELDS, at('embeds', index, 'fields'));
      total += [embed.title, embed.description, footer?.text, (embed.author as Json | undefined)?.name].reduce<number>((sum, text) => sum + (typeof text === 'string' ? lengthOf(text) : 0), 0);
    });
    if (total > MAX_EMBED_TOTAL) errors.push({ path: at('embeds'), code: 'MAX_EMBED_SIZE_EXCEEDED', message: `Embed size exceeds maximum size of ${MAX_EMBED_TOTAL}` });
  }
  if (Array.isArray(body.components)) errors.push(...rowErrors(body.components as Json[], at('components')));
  if (Array.isArray(body.attachments)) {
    maxItems(errors, body.attachments, MAX_ATTACHMENTS, at('attachments'));
    body.attachments.forEach((attachment: Json, index) => maxLength(errors, attachment.description, MAX_ALT_TEXT, at('attachments', index, 'description')));
  }
  if (fileCount > MAX_ATTACHMENTS) errors.push({ path: at('files'), code: 'BASE_TYPE_MAX_LENGTH', message: `Must be ${MAX_ATTACHMENTS} or fewer in length.` });
  return errors;
}

/** Whether a new message would show nothing (Discord answers 50006 "Cannot send an empty message"). */
export function isEmptyMessage(body: Json, fileCount: number): boolean {
  const has = (value: unknown) => (Array.isArray(value) ? value.length > 0 : typeof value === 'string' ? value.length > 0 : value !== undefined && value !== null);
  return !has(body.content) && !has(body.embeds) && !has(body.components) && !has(body.sticker_ids) && !has(body.poll) && fileCount === 0;
}

/** The rules for a modal (callback type 9's data). */
export function modalErrors(data: Json): FieldError[] {
  const errors: FieldError[] = [];
  customId(errors, data.custom_id, ['data', 'custom_id']);
  if (typeof data.title !== 'string' || lengthOf(data.title) < 1) errors.push({ path: ['data', 'title'], code: 'BASE_TYPE_REQUIRED', message: 'This field is required' });
  maxLength(errors, data.title, MAX_MODAL_TITLE, ['data', 'title']);
  const components = Array.isArray(data.components) ? (data.components as Json[]) : [];
  if (components.length < 1) errors.push({ path: ['data', 'components'], code: 'BASE_TYPE_MIN_LENGTH', message: 'Must be 1 or more in length.' });
  maxItems(errors, components, MAX_MODAL_COMPONENTS, ['data', 'components']);
  components.forEach((component, index) => {
    const path = ['data', 'components', index];
    if (component.type === COMPONENT_LABEL) {
      maxLength(errors, component.label, MAX_LABEL_LABEL, [...path, 'label']);
      textInputErrors(errors, component.component as Json, [...path, 'component']);
    } else if (component.type === COMPONENT_ACTION_ROW) {
      ((component.components ?? []) as Json[]).forEach((input, inner) => textInputErrors(errors, input, [...path, 'components', inner]));
    } else {
      errors.push({ path: [...path, 'type'], code: 'UNION_TYPE_CHOICES', message: `Value of field "type" must be one of (${COMPONENT_ACTION_ROW}, ${COMPONENT_LABEL}).` });
    }
  });
  return errors;
}

/** The rules for starting a thread. */
export function threadErrors(body: Json): FieldError[] {
  const errors: FieldError[] = [];
  if (typeof body.name !== 'string' || lengthOf(body.name) < 1) errors.push({ path: ['name'], code: 'BASE_TYPE_REQUIRED', message: 'This field is required' });
  maxLength(errors, body.name, MAX_THREAD_NAME, ['name']);
  if (body.auto_archive_duration !== undefined && !ARCHIVE_DURATIONS.includes(Number(body.auto_archive_duration))) {
    errors.push({ path: ['auto_archive_duration'], code: 'BASE_TYPE_CHOICES', message: `Value must be one of {${ARCHIVE_DURATIONS.join(', ')}}.` });
  }
  return errors;
}

/**
 * The rules for a bulk overwrite of application commands. Slash (CHAT_INPUT) names are lowercase
 * words; USER and MESSAGE commands may be mixed case with spaces, take no description (Discord
 * stores an empty string) and no options. Names are unique per command type.
 */
export function commandErrors(commands: unknown): FieldError[] {
  if (!Array.isArray(commands)) return [{ path: [], code: 'BASE_TYPE_ARRAY', message: 'Must be an array.' }];
  const errors: FieldError[] = [];
  const seen = new Set<string>();
  (commands as Json[]).forEach((command, index) => {
    const name = command.name;
    const type = Number(command.type ?? COMMAND_CHAT_INPUT);
    const isSlash = type === COMMAND_CHAT_INPUT;
    if (typeof name !== 'string' || (isSlash ? !COMMAND_NAME.test(name) || name !== name.toLowerCase() : lengthOf(name) < 1)) {
      errors.push({ path: [index, 'name'], code: 'APPLICATION_COMMAND_INVALID_NAME', message: 'Command name is invalid' });
    }
    maxLength(errors, name, MAX_COMMAND_NAME, [index, 'name']);
    if (typeof name === 'string') {
      if (seen.has(`${type}:${name}`)) errors.push({ path: [index, 'name'], code: 'APPLICATION_COMMANDS_DUPLICATE_NAME', message: 'Application command names must be unique' });
      seen.add(`${type}:${name}`);
    }
    if (isSlash) descriptionErrors(errors, command.description, [index, 'description']);
    else maxLength(errors, command.description, 0, [index, 'description']);
    if (!isSlash && command.options !== undefined) errors.push({ path: [index, 'options'], code: 'APPLICATION_COMMAND_OPTIONS_INVALID', message: 'Only slash commands may have options' });
    const permissions = command.default_member_permissions;
    if (permissions !== undefined && permissions !== null && !(typeof permissions === 'string' && /^\d+$/.test(permissions))) {
      errors.push({ path: [index, 'default_member_permissions'], code: 'BASE_TYPE_BAD_INT', message: 'Value "' + String(permissions) + '" is not snowflake.' });
    }
    optionErrors(errors, command.options, [index, 'options']);
    if (JSON.stringify(command).length > MAX_COMMAND_SIZE) errors.push({ path: [index], code: 'APPLICATION_COMMAND_TOO_LARGE', message: `Command exceeds maximum size (${MAX_COMMAND_SIZE})` });
  });
  return errors;
}

function optionErrors(errors: FieldError[], options: unknown, path: (string | number)[]): void {
  if (!Array.isArray(options)) return;
  maxItems(errors, options, MAX_OPTIONS, path);
  let optionalSeen = false;
  (options as Json[]).forEach((option, index) => {
    if (typeof option.name !== 'string' || !COMMAND_NAME.test(option.name) || option.name !== option.name.toLowerCase()) {
      errors.push({ path: [...path, index, 'name'], code: 'APPLICATION_COMMAND_INVALID_NAME', message: 'Command name is invalid' });
    }
    descriptionErrors(errors, option.description, [...path, index, 'description']);
    if (option.max_length !== undefined && (Number(option.max_length) < 1 || Number(option.max_length) > MAX_OPTION_LENGTH)) {
      errors.push({ path: [...path, index, 'max_length'], code: 'NUMBER_TYPE_MAX', message: `int value should be less than or equal to ${MAX_OPTION_LENGTH}.` });
    }
    // "Required options must be listed before optional options."
    if (option.required === true && optionalSeen) errors.push({ path: [...path, index, 'required'], code: 'APPLICATION_COMMAND_OPTIONS_REQUIRED_INVALID', message: 'Required options must be placed before non-required options' });
    if (option.type !== OPTION_SUBCOMMAND && option.type !== OPTION_SUBCOMMAND_GROUP && option.required !== true) optionalSeen = true;
    for (const bound of ['min_value', 'max_value'] as const) {
      const value = option[bound];
      if (value === undefined) continue;
      const isValid = option.type === OPTION_INTEGER ? Number.isInteger(value) && Math.abs(Number(value)) < 2 ** 53 : option.type === OPTION_NUMBER && typeof value === 'number';
      if (!isValid) errors.push({ path: [...path, index, bound], code: 'NUMBER_TYPE_COERCE', message: `Value "${String(value)}" is not ${option.type === OPTION_INTEGER ? 'int' : 'a number'}.` });
    }
    if (typeof option.min_value === 'number' && typeof option.max_value === 'number' && option.min_value > option.max_value) {
      errors.push({ path: [...path, index, 'min_value'], code: 'NUMBER_TYPE_MAX', message: `Value should be less than or equal to ${option.max_value}.` });
    }
    optionErrors(errors, option.options, [...path, index, 'options']);
  });
}

function descriptionErrors(errors: FieldError[], description: unknown, path: (string | number)[]): void {
  if (typeof description !== 'string' || lengthOf(description) < 1) errors.push({ path, code: 'BASE_TYPE_REQUIRED', message: 'This field is required' });
  maxLength(errors, description, MAX_COMMAND_DESCRIPTION, path);
}

function rowErrors(rows: Json[], path: (string | number)[]): FieldError[] {
  const errors: FieldError[] = [];
  maxItems(errors, rows, MAX_ROWS, path);
  const seen = new Set<string>();
  rows.forEach((row, rowIndex) => {
    if (row.type !== COMPONENT_ACTION_ROW) errors.push({ path: [...path, rowIndex, 'type'], code: 'UNION_TYPE_CHOICES', message: 'Value of field "type" must be one of (1).' });
    const buttons = Array.isArray(row.components) ? (row.components as Json[]) : [];
    if (buttons.length < 1) errors.push({ path: [...path, rowIndex, 'components'], code: 'BASE_TYPE_MIN_LENGTH', message: 'Must be 1 or more in length.' });
    maxItems(errors, buttons, MAX_BUTTONS_PER_ROW, [...path, rowIndex, 'components']);
    buttons.forEach((button, index) => {
      const at = [...path, rowIndex, 'components', index];
      if (button.type !== COMPONENT_BUTTON) return;
      maxLength(errors, button.label, MAX_BUTTON_LABEL, [...at, 'label']);
      if (button.style === BUTTON_LINK || button.style === BUTTON_PREMIUM) return;
      customId(errors, button.custom_id, [...at, 'custom_id']);
      if (typeof button.custom_id === 'string') {
        if (seen.has(button.custom_id)) errors.push({ path: [...at, 'custom_id'], code: 'COMPONENT_CUSTOM_ID_DUPLICATED', message: 'Component custom id cannot be duplicated' });
        seen.add(button.custom_id);
      }
    });
  });
  return errors;
}

function textInputErrors(errors: FieldError[], input: Json | undefined, path: (string | number)[]): void {
  if (!input || input.type !== COMPONENT_TEXT_INPUT) {
    errors.push({ path: [...path, 'type'], code: 'UNION_TYPE_CHOICES', message: `Value of field "type" must be one of (${COMPONENT_TEXT_INPUT}).` });
    return;
  }
  customId(errors, input.custom_id, [...path, 'custom_id']);
  maxLength(errors, input.placeholder, MAX_PLACEHOLDER, [...path, 'placeholder']);
  maxLength(errors, input.value, MAX_TEXT_INPUT, [...path, 'value']);
  for (const bound of ['min_length', 'max_length'] as const) {
    const value = input[bound];
    if (value !== undefined && (Number(value) < (bound === 'min_length' ? 0 : 1) || Number(value) > MAX_TEXT_INPUT)) {
      errors.push({ path: [...path, bound], code: 'NUMBER_TYPE_MAX', message: `int value should be less than or equal to ${MAX_TEXT_INPUT}.` });
    }
  }
}

function customId(errors: FieldError[], value: unknown, path: (string | number)[]): void {
  if (typeof value !== 'string' || lengthOf(value) < 1) {
    errors.push({ path, code: 'BASE_TYPE_REQUIRED', message: 'This field is required' });
    return;
  }
  maxLength(errors, value, MAX_CUSTOM_ID, path);
}

function maxLength(errors: FieldError[], value: unknown, limit: number, path: (string | number)[]): void {
  if (typeof value === 'string' && lengthOf(value) > limit) errors.push({ path, code: 'BASE_TYPE_MAX_LENGTH', message: `Must be ${limit} or fewer in length.` });
}

function maxItems(errors: FieldError[], items: readonly unknown[], limit: number, path: (string | number)[]): void {
  if (items.length > limit) errors.push({ path, code: 'BASE_TYPE_MAX_LENGTH', message: `Must be ${limit} or fewer in length.` });
}
