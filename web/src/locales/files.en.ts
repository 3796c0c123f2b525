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
};

export default files;
