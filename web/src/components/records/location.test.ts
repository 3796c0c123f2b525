import { describe, expect, it } from 'vitest';

import { draftOf, locationOf } from './location';

describe('a location value', () => {
  it('is null when nothing is filled in, and the coordinates when both are numbers in range', () => {
    expect(locationOf({ lat: '', lng: ' ', address: '' })).toBeNull();
    expect(locationOf({ lat: '30.2741', lng: '120.1551', address: ' 文三路 90 号 ' })).toEqual({ lat: 30.2741, lng: 120.1551, address: '文三路 90 号' });
    expect(locationOf({ lat: '30.2741', lng: '120.1551', address: '' })).toEqual({ lat: 30.2741, lng: 120.1551 });
  });

  it('is an address alone when no coordinate is typed', () => {
    expect(locationOf({ lat: '', lng: '', address: '人民路 1 号' })).toEqual({ address: '人民路 1 号' });
  });

  it('keeps what is typed so far, which the inputs show again (one coordinate, out of range)', () => {
    const half = locationOf({ lat: '30.27', lng: '', address: 'x' });
    expect(half).toEqual({ lat: '30.27', lng: null, address: 'x' });
    expect(draftOf(half)).toEqual({ lat: '30.27', lng: '', address: 'x' });
    expect(draftOf({ lat: 30.5, lng: 120, address: 'y' })).toEqual({ lat: '30.5', lng: '120', address: 'y' });
    expect(draftOf(null)).toEqual({ lat: '', lng: '', address: '' });
  });
});
