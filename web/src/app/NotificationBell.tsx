/** The header bell: unread count (polled every minute), the latest notifications, mark read and go. */
import { BellOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Badge, Button, Empty, List, Popover, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { z } from 'zod';
import type { NotificationList } from '../../../common/requests/schemas.ts';
import { api } from './api.ts';
import { formatDateTime } from './format.ts';

type Notifications = z.infer<typeof NotificationList>;
const KEY = ['/api/notifications'] as const;

export function NotificationBell() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const client = useQueryClient();
  const [open, setOpen] = useState(false);
  const list = useQuery({
    queryKey: KEY,
    queryFn: () => api<Notifications>('/api/notifications'),
    refetchInterval: 60_000,
    retry: false,
  });
  const markRead = useMutation({
    mutationFn: (id: string) => api(`/api/notifications/${id}/read`, { method: 'POST' }),
    onSettled: () => client.invalidateQueries({ queryKey: KEY }),
  });
  const readAll = useMutation({
    mutationFn: () => api('/api/notifications/read-all', { method: 'POST' }),
    onSettled: () => client.invalidateQueries({ queryKey: KEY }),
  });
  const items = list.data?.items ?? [];

  const content = (
    <div style={{ width: 340, maxHeight: 420, overflow: 'auto' }} data-testid="notification-list">
      {items.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('notifications.empty')} />
      ) : (
        <List
          size="small"
          dataSource={items}
          renderItem={(n) => (
            <List.Item
              key={n.id}
              style={{ cursor: 'pointer', background: n.readAt ? undefined : '#fff7f6', paddingInline: 8 }}
              onClick={() => {
                if (!n.readAt) markRead.mutate(n.id);
                setOpen(false);
                // Links into the resident/member pages leave the staff app.
                if (n.link?.startsWith('/h5/')) window.location.assign(n.link);
                else if (n.link) void navigate(n.link);
              }}
            >
              <div style={{ minWidth: 0, width: '100%' }}>
                <div style={{ display: 'flex', justifyContent: 'space-between', gap: 8 }}>
                  <Typography.Text strong={!n.readAt} ellipsis>
                    {n.title}
                  </Typography.Text>
                  <Typography.Text type="secondary" style={{ fontSize: 12, flex: 'none' }}>
                    {formatDateTime(n.createdAt).slice(5, 16)}
                  </Typography.Text>
                </div>
                {n.body && (
                  <Typography.Paragraph type="secondary" ellipsis={{ rows: 2 }} style={{ margin: 0, fontSize: 13 }}>
                    {n.body}
                  </Typography.Paragraph>
                )}
              </div>
            </List.Item>
          )}
        />
      )}
    </div>
  );

  return (
    <Popover
      trigger="click"
      placement="bottomRight"
      open={open}
      onOpenChange={setOpen}
      title={
        <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center' }}>
          {t('notifications.title')}
          <Button
            type="link"
            size="small"
            disabled={!list.data?.unread}
            loading={readAll.isPending}
            onClick={() => readAll.mutate()}
          >
            {t('notifications.readAll')}
          </Button>
        </div>
      }
      content={content}
    >
      <Badge count={list.data?.unread ?? 0} size="small" overflowCount={99}>
        <Button
          type="text"
          shape="circle"
          icon={<BellOutlined />}
          aria-label={t('notifications.title')}
          data-testid="notification-bell"
        />
      </Badge>
    </Popover>
  );
}
