import { nameBasedUuid } from './name-based-uuid';

describe('nameBasedUuid', () => {
  it('matches the RFC 9562 version-5 test vector', () => {
    const dns = '6ba7b810-9dad-11d1-80b4-00c04fd430c8';
    expect(nameBasedUuid('www.example.com', dns)).toBe('2ed6657d-e927-568b-95e1-2665a8aea6a2');
  });

  it('is stable for a name and differs between names', () => {
    expect(nameBasedUuid('a\nk\nentity')).toBe(nameBasedUuid('a\nk\nentity'));
    expect(nameBasedUuid('a\nk\nentity')).not.toBe(nameBasedUuid('a\nk\nevent:0'));
  });
});
