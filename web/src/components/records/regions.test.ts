import { describe, expect, it } from 'vitest';

import { draftOf, locationOf } from './location';
import { loadRegions, regionPath, regionValue, toOptions } from './regions';

describe('regions', () => {
  it('turns the area table into name paths', () => {
    const options = toOptions([{ text: '浙江省', value: '330000', children: [{ text: '杭州市', value: '330100', children: [{ text: '西湖区', value: '330106' }] }] }]);
    expect(options).toEqual([{ value: '浙江省', label: '浙江省', children: [{ value: '杭州市', label: '杭州市', children: [{ value: '西湖区', label: '西湖区' }] }] }]);
  });

  it('stores a path as names joined by a slash and reads it back', () => {
    expect(regionValue(['浙江省', '杭州市', '西湖区'])).toBe('浙江省/杭州市/西湖区');
    expect(regionValue([])).toBeNull();
    expect(regionValue(null)).toBeNull();
    expect(regionPath('浙江省/ 杭州市 /')).toEqual(['浙江省', '杭州市']);
    expect(regionPath(null)).toEqual([]);
  });

  it('bundles the whole mainland: 31 provinces, with 杭州市 → 西湖区', async () => {
    const all = await loadRegions();
    expect(all.length).toBeGreaterThanOrEqual(31);
    const zj = all.find((p) => p.value === '浙江省');
    const hz = zj?.children?.find((c) => c.value === '杭州市');
    expect(hz?.children?.some((d) => d.value === '西湖区')).toBe(true);
  });
});

describe('location', () => {
  it('saves numbers in range, nothing for an empty input, and the draft otherwise', () => {
    expect(locationOf({ lat: '30.2596', lng: '120.1302', address: ' 杭州市西湖区 ' })).toEqual({ lat: 30.2596, lng: 120.1302, address: '杭州市西湖区' });
    expect(locationOf({ lat: '', lng: '', address: '' })).toBeNull();
    expect(locationOf({ lat: '95', lng: '120', address: '' })).toEqual({ lat: '95', lng: '120', address: '' });
    // An address alone is a whole location: the server takes it without coordinates.
    expect(locationOf({ lat: '', lng: '', address: '只有地址' })).toEqual({ address: '只有地址' });
  });

  it('reads a stored value back into the inputs', () => {
    expect(draftOf({ lat: 30.5, lng: 114.3, address: '武汉' })).toEqual({ lat: '30.5', lng: '114.3', address: '武汉' });
    expect(draftOf(null)).toEqual({ lat: '', lng: '', address: '' });
  });
});
