import { Badge, NavLink, Stack } from '@mantine/core';
import { views } from '../views/registry';
import { useAlertBadge } from './alerts-notify';
import { useRoute } from './route-store';

export function Sidebar() {
  const current = useRoute((s) => s.view);
  const navigate = useRoute((s) => s.navigate);
  const firing = useAlertBadge((s) => s.count);
  return (
    <Stack gap={2}>
      {views.map((v) => (
        <NavLink
          key={v.id}
          data-testid={`nav-${v.id}`}
          label={v.label}
          leftSection={<v.icon size={18} stroke={1.6} />}
          active={current === v.id}
          rightSection={
            v.id === 'alerts' && firing > 0 ? (
              <Badge size="sm" color="red" circle={firing < 10} data-testid="nav-badge-alerts" data-count={firing}>
                {firing > 99 ? '99+' : firing}
              </Badge>
            ) : undefined
          }
          href={`#/${v.id}`}
          onClick={(e) => {
            e.preventDefault();
            navigate(v.id);
          }}
        />
      ))}
    </Stack>
  );
}
