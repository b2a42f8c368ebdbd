import { Button, Group, Modal, Stack, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import type { Snippet } from '../../../shared/api/ssh';
import { client } from '../../api/client';
import { errorMessage } from '../../api/errors';
import { templateParams } from './snippet-params';

interface Props {
  template: string | null;
  onClose: () => void;
  onSaved: (s: Snippet) => void;
}

/** Saves the command as a snippet; every {{param}} in it becomes a parameter with a default. */
export function SaveSnippetModal({ template, onClose, onSaved }: Props) {
  const [name, setName] = useState('');
  const [defaults, setDefaults] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const params = template ? templateParams(template) : [];
  const save = async () => {
    if (!template) return;
    try {
      const s = await client.call('ssh.snippets.save', {
        name,
        template,
        params: params.map((p) => ({ name: p, description: '', default: defaults[p] ?? '' })),
      });
      onSaved(s);
      onClose();
    } catch (e) {
      setError(errorMessage(e));
    }
  };
  return (
    <Modal opened={template !== null} onClose={onClose} title="Save as snippet">
      <Stack gap="sm">
        <TextInput
          label="Name"
          data-testid="batch-snippet-name"
          value={name}
          onChange={(e) => setName(e.currentTarget.value)}
        />
        <Text size="xs" c="dimmed">
          {params.length
            ? `Parameters: ${params.join(', ')}. Values are shell-quoted on each host.`
            : 'Write {{name}} in the command to make a parameter; {{ci.name}}, {{ci.address}} and {{ci.fields.KEY}} come from each host.'}
        </Text>
        {params.map((p) => (
          <TextInput
            key={p}
            label={`Default for ${p}`}
            size="xs"
            value={defaults[p] ?? ''}
            onChange={(e) => setDefaults({ ...defaults, [p]: e.currentTarget.value })}
          />
        ))}
        {error && (
          <Text c="red" size="sm">
            {error}
          </Text>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button data-testid="batch-snippet-save" disabled={!name.trim()} onClick={() => void save()}>
            Save
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
