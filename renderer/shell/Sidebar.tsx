import { NavLink, Stack } from '@mantine/core';
import { views } from '../views/registry';
import { useRoute } from './route-store';

export function Sidebar() {
  const current = useRoute((s) => s.view);
  const navigate = useRoute((s) => s.navigate);
  return (
    <Stack gap={2}>
      {views.map((v) => (
        <NavLink
          key={v.id}
          data-testid={`nav-${v.id}`}
          label={v.label}
          leftSection={<v.icon size={18} stroke={1.6} />}
          active={current === v.id}
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
