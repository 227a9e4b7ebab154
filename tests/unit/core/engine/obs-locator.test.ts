import { describe, expect, it } from 'vitest';
import { locateObs, systemObsCandidates } from '../../../../electron/core/engine/obs-locator';

describe('locateObs', () => {
  const only = (...paths: string[]) => (p: string) => paths.includes(p);

  it('prefers the bundled copy, then the user path, then system installs', () => {
    const exists = only('/app/resources/obs/bin/obs', '/home/me/obs', '/usr/bin/obs');
    expect(locateObs({ platform: 'linux', resourcesPath: '/app/resources', userPath: '/home/me/obs', exists })).toEqual({
      found: true,
      path: '/app/resources/obs/bin/obs',
      source: 'bundled',
    });
    expect(locateObs({ platform: 'linux', userPath: '/home/me/obs', exists })).toMatchObject({ path: '/home/me/obs', source: 'user' });
    expect(locateObs({ platform: 'linux', exists })).toMatchObject({ path: '/usr/bin/obs', source: 'system' });
  });

  it('knows the usual places on Windows and macOS, and turns a chosen .app into its executable', () => {
    expect(systemObsCandidates('win32', { ProgramFiles: 'D:\\Programs' })[0]).toBe('D:\\Programs\\obs-studio\\bin\\64bit\\obs64.exe');
    expect(systemObsCandidates('darwin')).toEqual(['/Applications/OBS.app/Contents/MacOS/OBS']);
    const found = locateObs({ platform: 'darwin', userPath: '/Users/me/OBS.app', systemCandidates: [], exists: only('/Users/me/OBS.app/Contents/MacOS/OBS') });
    expect(found).toMatchObject({ found: true, source: 'user' });
  });

  it('without any OBS gives a first-run message per platform that says what to install', () => {
    const none = () => false;
    // Whole-object matches: a lookup that wrongly reports `found` fails here instead of skipping the checks.
    expect(locateObs({ platform: 'linux', exists: none })).toEqual({
      found: false,
      message: expect.stringMatching(/apt install obs-studio.*rehearsal mode/),
      tried: ['/usr/bin/obs', '/usr/local/bin/obs', '/snap/bin/obs-studio'],
    });
    expect(locateObs({ platform: 'win32', exists: none, userPath: 'C:\\obs.exe' })).toEqual({
      found: false,
      message: expect.stringMatching(/^The OBS location set in Settings \(C:\\obs\.exe\) has no OBS program\. .*obsproject\.com/),
      tried: ['C:\\obs.exe', 'C:\\Program Files\\obs-studio\\bin\\64bit\\obs64.exe'],
    });
  });

  it('finds OBS in Program Files on Windows, and a user path before it', () => {
    const programFiles = 'C:\\Program Files\\obs-studio\\bin\\64bit\\obs64.exe';
    expect(locateObs({ platform: 'win32', exists: only(programFiles) })).toEqual({ found: true, path: programFiles, source: 'system' });
    expect(locateObs({ platform: 'win32', userPath: 'D:\\OBS\\obs64.exe', exists: only(programFiles, 'D:\\OBS\\obs64.exe') })).toEqual({
      found: true,
      path: 'D:\\OBS\\obs64.exe',
      source: 'user',
    });
  });
});
