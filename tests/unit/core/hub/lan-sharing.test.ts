import { createServer } from 'node:http';
import { connect } from 'node:net';
import type { NetworkInterfaceInfo } from 'node:os';
import { afterEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../../../electron/core/hub/logger';
import { isLanPeerAllowed, isPrivateIPv4 } from '../../../../electron/core/domain/network-address';
import { createLanSharing, lanIPv4Addresses, type LanSharing } from '../../../../electron/core/hub/lan-sharing';
import { freePort } from '../../../helpers/free-port';
import { withTimeout } from '../../../helpers/wait';

describe('private addresses only', () => {
  it('knows the private blocks from their neighbours', () => {
    const yes = ['10.0.0.1', '10.255.255.255', '172.16.0.1', '172.31.255.254', '192.168.1.20', '169.254.10.1', '100.64.0.1', '100.127.255.254', '::ffff:192.168.0.5'];
    const no = ['172.15.255.255', '172.32.0.1', '192.169.0.1', '11.0.0.1', '100.63.255.255', '100.128.0.1', '8.8.8.8', '127.0.0.1', '::1', 'fe80::1', '300.1.1.1', '', undefined];
    for (const a of yes) expect(isPrivateIPv4(a), a).toBe(true);
    for (const a of no) expect(isPrivateIPv4(a), String(a)).toBe(false);
  });

  it("shares on the computer's private addresses, never a public one", () => {
    const iface = (address: string, internal = false): NetworkInterfaceInfo =>
      ({ address, family: 'IPv4', internal, netmask: '255.255.255.0', mac: '00:00:00:00:00:00', cidr: null }) as NetworkInterfaceInfo;
    const interfaces = { lo: [iface('127.0.0.1', true)], eth0: [iface('203.0.113.7')], wlan0: [iface('192.168.1.20')], tun0: [iface('100.101.1.2')] };
    expect(lanIPv4Addresses(interfaces)).toEqual(['192.168.1.20', '100.101.1.2']);
  });

  it('lets in LAN peers and programs on this computer', () => {
    expect(isLanPeerAllowed('192.168.1.33')).toBe(true);
    expect(isLanPeerAllowed('127.0.0.1')).toBe(true);
    expect(isLanPeerAllowed('::1')).toBe(true);
    expect(isLanPeerAllowed('203.0.113.9')).toBe(false);
  });
});

describe('the LAN listener', () => {
  let lan: LanSharing | null = null;
  afterEach(async () => {
    await lan?.disable();
    lan = null;
  });

  /** Connects to 127.0.0.2 (standing in for the LAN address), sends a request, resolves with what came back. */
  const ask = (port: number) =>
    withTimeout(
      new Promise<string>((resolve) => {
        const socket = connect({ host: '127.0.0.2', port });
        let text = '';
        socket.on('data', (d) => (text += d.toString()));
        socket.on('error', () => resolve(text));
        socket.on('close', () => resolve(text));
        socket.on('connect', () => socket.write('GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n'));
      }),
      5000,
      'the LAN connection to end',
    );

  it('drops a peer from outside the private network before reading a byte, and says so in the log', async () => {
    const lines: string[] = [];
    const http = createServer((_req, res) => res.end('hub'));
    const port = await freePort();
    lan = createLanSharing(http, port, () => ['127.0.0.2'], createLogger({ sink: (l) => lines.push(l) }), () => false);
    await lan.enable();
    expect(await ask(port)).toBe('');
    expect(lines.some((l) => l.includes('LAN connection from outside the private network dropped'))).toBe(true);
  });

  it('serves an allowed peer', async () => {
    const http = createServer((_req, res) => res.end('hub'));
    const port = await freePort();
    lan = createLanSharing(http, port, () => ['127.0.0.2'], createLogger({ sink: () => undefined }));
    await lan.enable();
    expect(await ask(port)).toContain('hub');
  });
});
