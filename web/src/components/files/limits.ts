// Per-field limits of file and image fields (docs/api/files.md "Field limits"): the largest file a
// field takes and, for file fields, the kinds it accepts. The server checks both when a record
// takes an upload; the form checks them before uploading so nobody waits for a file that would be
// refused. Kinds are the server's (server/src/modules/files/file_limits.cpp), told apart here by
// the browser's type or the name's extension; a file of unknown kind is left to the server.
// Every dialog with a file or image field (the record form, 线索转换) shows them through FileInput,
// which reads its line (limitTip) and its refusals (pickRefusal) from here.
import { IMAGE_TYPES } from './files';

/** The kinds a file field may accept, in the server's order. */
export const FILE_KINDS = ['image', 'pdf', 'office', 'text', 'archive', 'media'] as const;
export type FileKind = (typeof FILE_KINDS)[number];

/** One field's limits as GET …/file-limits lists them. */
export interface FieldFileLimits {
  field: string;
  max_size_mb: number | null;
  accept: FileKind[];
}

/** GET /meta/objects/{object}/file-limits. */
export interface ObjectFileLimits {
  records: FieldFileLimits[];
  /** The server's limit per file (--file-max-mb): the most a field may allow. */
  server_max_mb: number;
}

const EXTENSIONS: Record<string, FileKind> = {
  png: 'image',
  jpg: 'image',
  jpeg: 'image',
  gif: 'image',
  webp: 'image',
  bmp: 'image',
  pdf: 'pdf',
  doc: 'office',
  docx: 'office',
  xls: 'office',
  xlsx: 'office',
  ppt: 'office',
  pptx: 'office',
  txt: 'text',
  csv: 'text',
  md: 'text',
  zip: 'archive',
  gz: 'archive',
  rar: 'archive',
  '7z': 'archive',
  mp4: 'media',
  mp3: 'media',
};

/** The kind of a picked file by its type or extension; null when the browser cannot tell. */
export function guessKind(file: { name: string; type: string }): FileKind | null {
  const type = file.type.toLowerCase();
  if (type.startsWith('image/') && type !== 'image/svg+xml') return 'image';
  if (type === 'application/pdf') return 'pdf';
  if (type.includes('officedocument') || type === 'application/msword' || type.startsWith('application/vnd.ms-')) return 'office';
  if (type.startsWith('video/') || type.startsWith('audio/')) return 'media';
  if (type.includes('zip') || type.includes('rar') || type.includes('7z') || type === 'application/gzip') return 'archive';
  const dot = file.name.lastIndexOf('.');
  const ext = dot >= 0 ? file.name.slice(dot + 1).toLowerCase() : '';
  if (EXTENSIONS[ext]) return EXTENSIONS[ext];
  if (type.startsWith('text/')) return 'text';
  return null;
}

/** Why a field refuses `file` before upload, or null when it may go up (the server still checks). */
export function limitRefusal(
  file: { name: string; type: string; size: number },
  limits: Pick<FieldFileLimits, 'max_size_mb' | 'accept'> | null | undefined,
): 'tooLarge' | 'typeNotAllowed' | null {
  if (!limits) return null;
  if (limits.max_size_mb !== null && file.size > limits.max_size_mb * 1024 * 1024) return 'tooLarge';
  if (limits.accept.length > 0) {
    const kind = guessKind(file);
    if (kind !== null && !limits.accept.includes(kind)) return 'typeNotAllowed';
  }
  return null;
}

/** What the `accept` attribute of the file picker offers for `kinds`. */
export function acceptAttribute(kinds: readonly FileKind[]): string | undefined {
  if (kinds.length === 0) return undefined;
  const exts = Object.entries(EXTENSIONS)
    .filter(([, k]) => kinds.includes(k))
    .map(([e]) => `.${e}`);
  return [...(kinds.includes('image') ? ['image/*'] : []), ...exts].join(',');
}

/** Whether the limits say anything. */
export function hasLimits(limits: Pick<FieldFileLimits, 'max_size_mb' | 'accept'> | null | undefined): boolean {
  return !!limits && (limits.max_size_mb !== null || limits.accept.length > 0);
}

/** vue-i18n's `t`, for the texts built here from files.* messages. */
export type Translate = (key: string, values?: Record<string, unknown>) => string;

/** The kinds as the reader's language lists them: "图片、PDF" / "images, PDF". */
export function kindsText(kinds: readonly FileKind[], t: Translate): string {
  return kinds.map((k) => t(`files.kinds.${k}`)).join(t('files.kindSeparator'));
}

/**
 * The line under the upload button: "最大 5 MB，仅限图片、PDF" / "Up to 5 MB; only images, PDF"
 * ("Only images, PDF" alone) — or the general hint when the field has no limits.
 */
export function limitTip(
  limits: Pick<FieldFileLimits, 'max_size_mb' | 'accept'> | null | undefined,
  image: boolean,
  t: Translate,
): string {
  if (!limits || !hasLimits(limits)) return image ? t('files.imagesOnly') : t('files.hint');
  const parts: string[] = [];
  if (limits.max_size_mb !== null) parts.push(t('files.limitMax', { n: limits.max_size_mb }));
  if (image) parts.push(t('files.imagesOnlyShort'));
  else if (limits.accept.length > 0) parts.push(t('files.limitOnly', { kinds: kindsText(limits.accept, t) }));
  const text = parts.join(t('files.limitSeparator'));
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/**
 * What the input says when it refuses a picked file before uploading it — "「大.png」上传失败：文件超过
 * 该字段允许的 5 MB" — or null when the file may go up (the server checks it again): an image field
 * takes images only, then the field's size, then its kinds (limitRefusal).
 */
export function pickRefusal(
  file: { name: string; type: string; size: number },
  limits: Pick<FieldFileLimits, 'max_size_mb' | 'accept'> | null | undefined,
  image: boolean,
  t: Translate,
): string | null {
  let message: string | null = null;
  if (image && !(IMAGE_TYPES as readonly string[]).includes(file.type)) message = t('files.imagesOnly');
  else {
    const refusal = limitRefusal(file, limits);
    if (refusal === 'tooLarge') message = t('files.tooLarge', { n: limits!.max_size_mb });
    else if (refusal === 'typeNotAllowed') message = t('files.typeNotAllowed', { kinds: kindsText(limits!.accept, t) });
  }
  return message === null ? null : t('files.uploadFailed', { name: file.name, message });
}
