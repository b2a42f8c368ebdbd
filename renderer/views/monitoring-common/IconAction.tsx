import { ActionIcon, type ActionIconProps, Tooltip } from '@mantine/core';
import type { Icon } from '@tabler/icons-react';

interface Props extends Pick<ActionIconProps, 'color' | 'size'> {
  icon: Icon;
  /** the tooltip */
  tip: string;
  /** the accessible name when it must say more than the tooltip (which row it acts on) */
  label?: string;
  testId?: string;
  onClick(): void;
}

/** A quiet icon button with its tooltip, as the monitoring views' table rows and panels carry them. */
export function IconAction({ icon: IconC, tip, label = tip, testId, onClick, ...rest }: Props) {
  return (
    <Tooltip label={tip}>
      <ActionIcon variant="subtle" aria-label={label} data-testid={testId} onClick={onClick} {...rest}>
        <IconC size={14} />
      </ActionIcon>
    </Tooltip>
  );
}
