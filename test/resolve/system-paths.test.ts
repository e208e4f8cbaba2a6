import { describe, expect, it } from 'vitest';
import { parseScript } from '../../src/parse/index.js';
import { impliedPathWords } from '../../src/resolve/system-paths.js';

/** The implied path words of the script's first command as "access path" ("access ?" when only maybe). */
function implied(script: string): string[] {
  const cmd = parseScript(script).commands[0]!;
  return impliedPathWords(cmd).map((w) => `${w.access} ${w.literal ? w.text : '?'}`);
}

describe('commands that change system state are judged as writes to the file that holds it', () => {
  it.each<[string, string[]]>([
    ['sysctl -w kernel.sysrq=1', ['write /proc/sys/kernel/sysrq']],
    ['sysctl net.ipv4.ip_forward=1 vm.swappiness=10', ['write /proc/sys/net/ipv4/ip_forward', 'write /proc/sys/vm/swappiness']],
    ['sysctl -p', ['write /proc/sys']],
    ['mknod /tmp/x b 8 0', ['write /dev/block/8:0']],
    ['mknod /tmp/x c 1 3', ['write /dev/char/1:3']],
    ['mknod -m 666 /tmp/x b 8 0', ['write /dev/block/8:0']],
    ['ip link set eth0 down', ['write /proc/sys/net']],
    ['ifconfig eth0 down', ['write /proc/sys/net']],
    ['flashrom -p internal -w bios.bin', ['write /dev/mem']],
    ['mount -t tmpfs none /tmp', ['write /proc/1/mountinfo']],
    ['umount /mnt', ['write /proc/1/mountinfo']],
    ['losetup -f --show disk.img', ['write /dev/loop-control']],
    ['insmod ./x.ko', ['write /sys/module']],
    ['modprobe nbd', ['write /sys/module']],
    ['hostname evil', ['write /proc/sys/kernel/hostname']],
    ['mount "$DEV"', ['write /proc/1/mountinfo']],
    ['losetup "$FLAG"', ['write ?']],
  ])('%s', (script, expected) => {
    expect(implied(script)).toEqual(expected);
  });

  it.each([['mount'], ['mount -l'], ['sysctl -a'], ['sysctl kernel.sysrq'], ['mknod pipe p'], ['modprobe -n nbd'], ['losetup -a'], ['hostname'], ['swapon --show'], ['ip a'], ['ip route'], ['ifconfig eth0']])(
    'reads or lists only: %s',
    (script) => {
      expect(implied(script)).toEqual([]);
    },
  );
});

describe('commands that print stored credentials are judged as reads of the store', () => {
  it.each<[string, string[]]>([
    ['git credential fill', ['read ~/.git-credentials']],
    ['git -C src credential-store get', ['read ~/.git-credentials']],
    ['gh auth token', ['read ~/.config/gh/hosts.yml']],
    ['gh auth status --show-token', ['read ~/.config/gh/hosts.yml']],
    ['aws configure get aws_secret_access_key', ['read ~/.aws/credentials']],
    ['kubectl config view --raw', ['read ~/.kube/config']],
    ['gpg --export-secret-keys -a', ['read ~/.gnupg']],
    ['getent shadow root', ['read /etc/shadow']],
    ['pass github', ['read ~/.password-store']],
    ['curl -n https://example.com/', ['read ~/.netrc']],
    ['curl -sSn https://example.com/', ['read ~/.netrc']],
  ])('%s', (script, expected) => {
    expect(implied(script)).toEqual(expected);
  });

  it.each([['git credential-manager --version'], ['gh auth status'], ['gh pr view 12'], ['kubectl config view'], ['aws s3 ls'], ['git commit -m "$MSG"'], ['getent hosts example.com'], ['pass'], ['pass ls'], ['curl -sS https://example.com/'], ["curl -H'Content-Type: application/json' -dname=x https://example.com/"]])(
    'prints nothing secret: %s',
    (script) => {
      expect(implied(script)).toEqual([]);
    },
  );
});
