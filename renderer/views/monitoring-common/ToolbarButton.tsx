import { Button, type ButtonProps } from '@mantine/core';
import type { Icon } from '@tabler/icons-react';
import type { ReactNode } from 'react';

interface Props extends Pick<ButtonProps, 'variant' | 'loading' | 'disabled'> {
  icon: Icon;
  testId?: string;
  href?: string;
  onClick?(): void;
  children: ReactNode;
}

/** A small labelled button with its icon, as the monitoring views' toolbars use them. */
export function ToolbarButton({ icon: IconC, testId, href, onClick, children, ...rest }: Props) {
  const common = { size: 'xs', leftSection: <IconC size={14} />, 'data-testid': testId, ...rest } as const;
  return href !== undefined ? (
    <Button component="a" href={href} {...common}>
      {children}
    </Button>
  ) : (
    <Button onClick={onClick} {...common}>
      {children}
    </Button>
  );
}
