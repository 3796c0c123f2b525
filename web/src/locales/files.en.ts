// English texts of file and image fields (the file store); the same keys as files.zh-CN.ts.
import type zhCN from './files.zh-CN';

const files: typeof zhCN = {
  upload: 'Upload a file',
  uploadImage: 'Upload an image',
  uploading: 'Uploading…',
  uploadFailed: '"{name}" was not uploaded: {message}',
  remove: 'Remove',
  download: 'Download',
  preview: 'View full size',
  empty: 'No files',
  imagesOnly: 'Images only (PNG, JPEG, GIF, WebP, BMP)',
  hint: 'Up to 20 MB per file; image fields take images only',
  more: '{name} and {n} more',
  imagesOnlyShort: 'images only',
  limitMax: 'Up to {n} MB',
  limitOnly: 'only {kinds}',
  limitSeparator: '; ',
  kindSeparator: ', ',
  tooLarge: 'the file is larger than the {n} MB this field allows',
  typeNotAllowed: 'this field takes {kinds} only',
  kinds: {
    image: 'images',
    pdf: 'PDF',
    office: 'Office documents',
    text: 'text',
    archive: 'archives',
    media: 'audio and video',
  },
  limits: {
    title: 'File limits',
    maxSize: 'Largest file (MB)',
    maxSizePlaceholder: 'No limit (server limit {n} MB)',
    accept: 'Allowed kinds of file',
    acceptPlaceholder: 'Any kind',
    imageHint: 'Image fields take images only (PNG, JPEG, GIF, WebP, BMP)',
    hint: 'Checked on upload; files already on records stay when a limit changes later',
    badSize: 'A whole number from 1 to {n}',
    fieldCreatedLimitsFailed: 'The field was created, but its file limits were not saved: {message}. Saving again retries only the file limits',
  },
};

export default files;
