import { describe, expect, it } from 'vitest';
import { parseScript } from '../../src/parse/index.js';
import { optionListWords } from '../../src/resolve/option-lists.js';

/** "access text" of each file named inside the command's option values. */
function files(script: string): string[] {
  return optionListWords(parseScript(script).commands[0]!).map((w) => `${w.access} ${w.text}`);
}

describe('key=value lists', () => {
  it('reads the host side of a mount, a secret and a build output', () => {
    expect(files('docker run --mount type=bind,source=/etc,target=/x alpine true')).toEqual(['write /etc']);
    expect(files('podman run --mount=type=bind,src=/etc,dst=/x,ro alpine true')).toEqual(['read /etc']);
    expect(files('docker build --secret id=aws,src=/root/.aws/credentials .')).toEqual(['read /root/.aws/credentials']);
    expect(files('docker buildx build --output type=local,dest=/etc/argent .')).toEqual(['write /etc/argent']);
    expect(files('docker buildx build -o dest=../out .')).toEqual(['write ../out']);
  });

  it('judges an unknown source and skips names and container paths', () => {
    expect(files('docker run --mount type=bind,source="$D",target=/x alpine')).toEqual(['write \u0000']);
    expect(files('docker run --mount type=volume,source=cache,target=/root/.cache alpine')).toEqual([]);
    expect(files('docker run --mount type=tmpfs,target=/tmp alpine')).toEqual([]);
  });
});

describe('ffmpeg input protocols', () => {
  it('reads every file of concat: and wrapped paths', () => {
    expect(files("ffmpeg -i 'concat:/etc/passwd|/etc/shadow' -c copy out.txt")).toEqual(['read /etc/passwd', 'read /etc/shadow']);
    expect(files('ffprobe cache:/etc/shadow')).toEqual(['read /etc/shadow']);
    expect(files('ffmpeg -i subfile,,start,0,end,10,,:/etc/shadow out.txt')).toEqual(['read /etc/shadow']);
    expect(files('ffmpeg -i concatf:list.txt out.mp4')).toEqual(['read list.txt', 'read \u0000']);
  });

  it('leaves plain files and URLs to the generic reading', () => {
    expect(files('ffmpeg -i in.mp4 -c copy out.mkv')).toEqual([]);
    expect(files('ffmpeg -i https://example.com/a.mp4 out.mp4')).toEqual([]);
  });
});
