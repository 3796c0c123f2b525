// 附件与图片字段（文件存储）的文字；files.en.ts 与本文件的键相同。
const files = {
  upload: '上传文件',
  uploadImage: '上传图片',
  uploading: '正在上传…',
  uploadFailed: '「{name}」上传失败：{message}',
  remove: '移除',
  download: '下载',
  preview: '查看原图',
  empty: '暂无文件',
  imagesOnly: '只能上传图片（PNG、JPEG、GIF、WebP、BMP）',
  hint: '每个文件最大 20 MB；图片字段只收图片',
  more: '{name} 等 {n} 个',
};

export default files;
