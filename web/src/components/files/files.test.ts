import { describe, expect, it } from 'vitest';

import { formatValue } from '../records/format';

import { fileUrl, filesOf, formatSize, isImage } from './files';

const png = { id: 7, name: '产品图.png', size: 2048, content_type: 'image/png', url: '/api/v1/files/7' };
const pdf = { id: 9, name: '规格书.pdf', size: 1536000, content_type: 'application/pdf', url: '/api/v1/files/9' };

describe('files of file and image fields', () => {
  it('reads sizes as people do', () => {
    expect(formatSize(0)).toBe('0 B');
    expect(formatSize(1023)).toBe('1023 B');
    expect(formatSize(2048)).toBe('2 KB');
    expect(formatSize(1536000)).toBe('1.5 MB');
    expect(formatSize(150 * 1024 * 1024)).toBe('150 MB');
    expect(formatSize(-1)).toBe('');
  });

  it('tells images by the type the server read', () => {
    expect(isImage(png)).toBe(true);
    expect(isImage(pdf)).toBe(false);
    expect(isImage({ content_type: 'image/svg+xml' })).toBe(false);
    expect(fileUrl(7)).toBe('/api/v1/files/7');
  });

  it('lists a field’s files in its order, named from _display, unnamed ids kept', () => {
    const record = { id: 1, images: [9, 7, 5], _display: { images: [png, pdf] } };
    expect(filesOf(record, 'images').map((f) => f.name)).toEqual(['规格书.pdf', '产品图.png', '#5']);
    expect(filesOf(record, 'images')[2]).toEqual({ id: 5, name: '#5', size: -1, content_type: '', url: '/api/v1/files/5' });
    expect(filesOf({ id: 1, images: null }, 'images')).toEqual([]);
  });

  it('shows one file by its name and several by their count in list cells', () => {
    const words = { yes: '是', no: '否', files: (n: number) => `${n} 个文件`, listSeparator: '、' };
    const field = { name: 'images', type: 'image' };
    expect(formatValue(field, { images: [7], _display: { images: [png] } } as never, 'zh-CN', words)).toBe('产品图.png');
    expect(formatValue(field, { images: [7, 9], _display: { images: [png, pdf] } } as never, 'zh-CN', words)).toBe('2 个文件');
    expect(formatValue(field, { images: [7] }, 'zh-CN', words)).toBe('1 个文件');
    expect(formatValue(field, { images: null }, 'zh-CN', words)).toBe('');
  });
});
