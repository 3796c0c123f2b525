// 数据字典 without the UI: a picklist being edited, the operations on its options (add,
// rename, colour, reorder, disable — never delete, place under a parent), and the PATCH body, which carries the
// whole option list in its new order (docs/api/records.md "Data dictionary").
import type { FieldError } from '@/api/request';
import type { PicklistDef, PicklistOptionInput, PicklistPatch } from '@/api/meta';

export interface OptionDraft {
  /** Stable while editing (v-for key); not sent. */
  key: string;
  /** What records store; absent for an option not saved yet. */
  value?: string;
  label: string;
  label_en: string;
  color: string;
  disabled: boolean;
  /** The value of the saved option above this one; '' at the top level. */
  parent: string;
}

export interface PicklistDraft {
  label: string;
  label_en: string;
  options: OptionDraft[];
}

let nextKey = 0;
const newKey = () => `o${++nextKey}`;

/** Colours offered next to the colour picker (Element Plus's palette). */
export const PRESET_COLORS = ['#409EFF', '#67C23A', '#E6A23C', '#F56C6C', '#909399', '#9254DE', '#13C2C2', '#EB2F96'];

export function toDraft(p: PicklistDef): PicklistDraft {
  return {
    label: p.label,
    // The server repeats the Chinese label when there is no English one.
    label_en: p.label_en && p.label_en !== p.label ? p.label_en : '',
    options: p.options.map((o) => ({
      key: newKey(),
      value: o.value,
      label: o.label,
      label_en: o.label_en && o.label_en !== o.label ? o.label_en : '',
      color: o.color ?? '',
      disabled: o.disabled === true,
      parent: o.parent ?? '',
    })),
  };
}

/** Adds an option at the end. */
export function addOption(d: PicklistDraft, label = '', label_en = ''): PicklistDraft {
  return { ...d, options: [...d.options, { key: newKey(), label, label_en, color: '', disabled: false, parent: '' }] };
}

/** Moves the option at `from` to `to`. */
export function moveOption(d: PicklistDraft, from: number, to: number): PicklistDraft {
  const n = d.options.length;
  if (from < 0 || from >= n || to < 0 || to >= n || from === to) return d;
  const options = [...d.options];
  const [o] = options.splice(from, 1);
  options.splice(to, 0, o!);
  return { ...d, options };
}

/** Changes one option. */
export function updateOption(d: PicklistDraft, index: number, change: Partial<Omit<OptionDraft, 'key' | 'value'>>): PicklistDraft {
  return { ...d, options: d.options.map((o, i) => (i === index ? { ...o, ...change } : o)) };
}

/**
 * Takes an option out of the draft. Only an option not saved yet can go: a saved one is
 * disabled instead (records keep its value).
 */
export function discardOption(d: PicklistDraft, index: number): PicklistDraft {
  if (d.options[index]?.value !== undefined) return updateOption(d, index, { disabled: true });
  return { ...d, options: d.options.filter((_, i) => i !== index) };
}

function optionInput(o: OptionDraft): PicklistOptionInput {
  const out: PicklistOptionInput = { label: o.label.trim() };
  if (o.value !== undefined) out.value = o.value;
  if (o.label_en.trim()) out.label_en = o.label_en.trim();
  if (o.disabled) out.disabled = true;
  // Sent every time: an option without a colour loses the one it had.
  if (o.color) out.color = o.color.toUpperCase();
  // Sent every time too: an option without a parent moves to the top level.
  if (o.parent) out.parent = o.parent;
  return out;
}

/**
 * The options `index` may be placed under: saved ones (a parent is named by its value), never
 * itself or an option below it (that would be a loop), each with its depth for indenting.
 */
export function parentChoices(d: PicklistDraft, index: number): { value: string; label: string; depth: number }[] {
  const self = d.options[index];
  const parentOf = new Map(d.options.filter((o) => o.value !== undefined).map((o) => [o.value!, o.parent]));
  const below = (value: string): boolean => {
    const seen = new Set<string>();
    for (let at: string | undefined = value; at && !seen.has(at); at = parentOf.get(at)) {
      if (self?.value !== undefined && at === self.value) return true;
      seen.add(at);
    }
    return false;
  };
  const depth = (value: string): number => {
    let n = 0;
    const seen = new Set<string>();
    for (let at = parentOf.get(value); at && !seen.has(at) && n < 10; at = parentOf.get(at)) {
      seen.add(at);
      n++;
    }
    return n;
  };
  return d.options
    .filter((o) => o.value !== undefined && !below(o.value))
    .map((o) => ({ value: o.value!, label: o.label.trim() || o.value!, depth: depth(o.value!) }));
}

/** The options as PATCH takes them: the whole list, in order, disabled ones included. */
export function optionsBody(d: PicklistDraft): PicklistOptionInput[] {
  return d.options.map(optionInput);
}

/**
 * The body of PATCH /meta/picklists/{name}: the labels when they changed, the whole option
 * list when anything in it changed. Empty when nothing did.
 */
export function patchBody(original: PicklistDef, d: PicklistDraft): PicklistPatch {
  const before = toDraft(original);
  const body: PicklistPatch = {};
  if (d.label.trim() !== before.label) body.label = d.label.trim();
  if (d.label_en.trim() !== before.label_en) body.label_en = d.label_en.trim() || d.label.trim();
  const options = optionsBody(d);
  if (JSON.stringify(options) !== JSON.stringify(optionsBody(before))) body.options = options;
  return body;
}

export const isDirty = (original: PicklistDef, d: PicklistDraft) => Object.keys(patchBody(original, d)).length > 0;

/** Problems to fix before saving, as message keys: per option index, and for the list. */
export function checkDraft(d: PicklistDraft): { label?: string; options: Record<number, string>; list?: string } {
  const out: { label?: string; options: Record<number, string>; list?: string } = { options: {} };
  const label = d.label.trim();
  if (!label) out.label = 'labelRequired';
  else if ([...label].length > 30) out.label = 'labelTooLong';
  const seen = new Map<string, number>();
  d.options.forEach((o, i) => {
    const l = o.label.trim();
    if (!l) out.options[i] = 'optionLabelRequired';
    else if ([...l].length > 50) out.options[i] = 'optionLabelTooLong';
    else if (!o.disabled) {
      if (seen.has(l)) out.options[i] = 'optionDuplicate';
      else seen.set(l, i);
    }
  });
  if (!d.options.some((o) => !o.disabled)) out.list = 'oneEnabled';
  return out;
}

/** The server's 422 details: `options[3].label` → option 3; the rest for the whole list. */
export function optionErrors(details: readonly FieldError[]): { options: Record<number, string>; general: string[] } {
  const out: { options: Record<number, string>; general: string[] } = { options: {}, general: [] };
  for (const d of details) {
    const m = /^options\[(\d+)\]/.exec(d.field);
    if (m) out.options[Number(m[1])] ??= d.message;
    else out.general.push(d.message);
  }
  return out;
}

/** Labels of a new picklist's options, one a line, blank lines and repeats dropped. */
export function optionLines(text: string): string[] {
  const out: string[] = [];
  for (const line of text.split(/\r?\n/)) {
    const l = line.trim();
    if (l && !out.includes(l)) out.push(l);
  }
  return out;
}
