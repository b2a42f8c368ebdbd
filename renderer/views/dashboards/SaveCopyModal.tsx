import { Alert, Button, Group, Modal, Stack, TextInput } from '@mantine/core';
import { useEffect, useState } from 'react';

interface Props {
  opened: boolean;
  initialTitle: string;
  busy: boolean;
  error: string | null;
  onSave(title: string): void;
  onClose(): void;
}

/** Asks the title of a copy (a host dashboard saved as an ordinary one, or "Save as" of a saved one). */
export function SaveCopyModal({ opened, initialTitle, busy, error, onSave, onClose }: Props) {
  const [title, setTitle] = useState(initialTitle);
  useEffect(() => {
    if (opened) setTitle(initialTitle);
  }, [opened, initialTitle]);
  return (
    <Modal opened={opened} onClose={onClose} title="Save as a copy">
      <Stack gap="sm" data-testid="dashboard-save-copy-modal">
        <TextInput
          label="Title of the copy"
          value={title}
          data-autofocus
          data-testid="dashboard-save-copy-title"
          onChange={(e) => setTitle(e.currentTarget.value)}
          onKeyDown={(e) => e.key === 'Enter' && title.trim() && onSave(title.trim())}
        />
        {error && <Alert color="red">{error}</Alert>}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button
            loading={busy}
            disabled={!title.trim()}
            data-testid="dashboard-save-copy-confirm"
            onClick={() => onSave(title.trim())}
          >
            Save copy
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
