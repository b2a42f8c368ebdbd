import { Alert, Button, Group, Modal, SegmentedControl, Stack, Text } from '@mantine/core';
import { useEffect, useRef, useState } from 'react';
import { client } from '../../api/client';
import { errorMessage } from '../../api/errors';
import { type Cast, parseAsciicast, playbackSchedule } from './asciicast';
import { TermHandle } from './term-handle';

/** Replays an asciicast recording into a read-only terminal, at real speed or 4×. */
export function RecordingPlayer({ id, title, onClose }: { id: string | null; title: string; onClose: () => void }) {
  const [cast, setCast] = useState<Cast | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [speed, setSpeed] = useState('1');
  const [run, setRun] = useState(0);
  const [done, setDone] = useState(false);
  const holder = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!id) return;
    let live = true;
    setCast(null);
    setError(null);
    client
      .call('ssh.recordings.get', { id })
      .then((r) => live && setCast(parseAsciicast(r.content)))
      .catch((e) => live && setError(errorMessage(e)));
    return () => {
      live = false;
    };
  }, [id]);

  useEffect(() => {
    if (!cast || !holder.current) return;
    const h = new TermHandle(
      { onInput: () => {}, onResize: () => {}, onSearchKey: () => {} },
      { readOnly: true, noFit: true, cols: cast.header.width, rows: cast.header.height },
    );
    // Kept at the recorded size: fitting would rewrap what was drawn for another width.
    h.attach(holder.current);
    setDone(false);
    const at = playbackSchedule(cast.events, Number(speed));
    const start = performance.now();
    let i = 0;
    let timer: ReturnType<typeof setTimeout>;
    const tick = () => {
      const now = performance.now() - start;
      while (i < cast.events.length && at[i]! <= now) h.writeText(cast.events[i++]!.data);
      if (i < cast.events.length) timer = setTimeout(tick, Math.max(0, Math.min(at[i]! - now, 250)));
      else setDone(true);
    };
    tick();
    return () => {
      clearTimeout(timer);
      h.dispose();
    };
  }, [cast, speed, run]);

  return (
    <Modal opened={id !== null} onClose={onClose} title={`Recording: ${title}`} size="auto">
      <Stack gap="sm" data-testid="recording-player">
        {error && <Alert color="red">{error}</Alert>}
        {cast && cast.bad.length > 0 && (
          <Text size="xs" c="orange">
            {cast.bad.length} damaged line(s) skipped (first at line {cast.bad[0]}).
          </Text>
        )}
        <Group justify="space-between">
          <SegmentedControl
            size="xs"
            value={speed}
            onChange={setSpeed}
            data={[
              { value: '1', label: 'Real speed' },
              { value: '4', label: '4×' },
            ]}
          />
          <Group gap="xs">
            {done && (
              <Text size="xs" c="dimmed">
                End of recording
              </Text>
            )}
            <Button size="xs" variant="light" onClick={() => setRun((r) => r + 1)} disabled={!cast}>
              Replay
            </Button>
          </Group>
        </Group>
        <div ref={holder} style={{ background: '#000', padding: 4, minWidth: 640, minHeight: 360 }} />
      </Stack>
    </Modal>
  );
}
