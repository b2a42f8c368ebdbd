import { monitoringAlertsApi, monitoringAlertsTopics } from './monitoring-alerts';
import { monitoringCollectorApi, monitoringCollectorTopics } from './monitoring-collector';
import { monitoringDashboardsApi } from './monitoring-dashboards';
import { monitoringLogsApi, monitoringLogsTopics } from './monitoring-logs';
import { monitoringQueryApi } from './monitoring-query';

/** The monitoring domain's part of the contract, one file per concern. */
export const monitoringApi = {
  ...monitoringQueryApi,
  ...monitoringCollectorApi,
  ...monitoringAlertsApi,
  ...monitoringLogsApi,
  ...monitoringDashboardsApi,
};

export const monitoringTopics = {
  ...monitoringCollectorTopics,
  ...monitoringAlertsTopics,
  ...monitoringLogsTopics,
};
