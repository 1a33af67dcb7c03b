import { useQuery } from '@tanstack/react-query';
import { getJson, getText } from './client';
import type {
  CatalogOffering,
  Improvement,
  ImprovementAnalytics,
  ImprovementDetail,
  OfferingAnalytics,
  OfferingTrend,
  Page,
  RelationshipReplay,
  RelationshipSummary,
  Timeline,
  VerificationReport,
} from './types';

// One hook per answer the dashboard shows. The query key starts with the path, so a refresh
// from the event stream refetches exactly the queries on screen.

export const useOfferings = () =>
  useQuery({
    queryKey: ['/v1/offerings'],
    queryFn: () => getJson<Page<CatalogOffering>>('/v1/offerings', { limit: '100' }),
  });

export const useOffering = (id: string) =>
  useQuery({
    queryKey: ['/v1/offerings', id],
    queryFn: () => getJson<CatalogOffering>(`/v1/offerings/${encodeURIComponent(id)}`),
  });

export const useOfferingAnalytics = (id: string) =>
  useQuery({
    queryKey: ['/v1/analytics/offerings', id],
    queryFn: () => getJson<OfferingAnalytics>(`/v1/analytics/offerings/${encodeURIComponent(id)}`),
  });

export const useOfferingTrend = (id: string, from?: string, to?: string) =>
  useQuery({
    queryKey: ['/v1/analytics/offerings/trend', id, from, to],
    queryFn: () =>
      getJson<OfferingTrend>(`/v1/analytics/offerings/${encodeURIComponent(id)}/trend`, {
        from,
        to,
      }),
  });

export interface RelationshipFilter {
  offeringId?: string;
  status?: 'active' | 'ended';
  sort?: string;
  limit?: string;
}

export const useRelationships = (filter: RelationshipFilter) =>
  useQuery({
    queryKey: ['/v1/relationships', filter],
    queryFn: () => getJson<Page<RelationshipSummary>>('/v1/relationships', { ...filter }),
  });

export const useRelationship = (id: string) =>
  useQuery({
    queryKey: ['/v1/relationships', id],
    queryFn: () => getJson<RelationshipSummary>(`/v1/relationships/${encodeURIComponent(id)}`),
  });

export const useTimeline = (id: string) =>
  useQuery({
    queryKey: ['/v1/relationships/timeline', id],
    queryFn: () => getJson<Timeline>(`/v1/relationships/${encodeURIComponent(id)}/timeline`),
  });

export type ImprovementFilter = Record<string, string | undefined>;

export const useImprovements = (filter: ImprovementFilter) =>
  useQuery({
    queryKey: ['/v1/improvements', filter],
    queryFn: () => getJson<Page<Improvement>>('/v1/improvements', { limit: '100', ...filter }),
  });

export const useImprovement = (id: string) =>
  useQuery({
    queryKey: ['/v1/improvements', id],
    queryFn: () => getJson<ImprovementDetail>(`/v1/improvements/${encodeURIComponent(id)}`),
  });

export const useImprovementAnalytics = () =>
  useQuery({
    queryKey: ['/v1/analytics/improvements'],
    queryFn: () => getJson<ImprovementAnalytics>('/v1/analytics/improvements'),
  });

export const useVerification = (enabled: boolean) =>
  useQuery({
    queryKey: ['/v1/audit/verify'],
    queryFn: () => getJson<VerificationReport>('/v1/audit/verify'),
    enabled,
  });

export const useCheckpoint = () =>
  useQuery({
    queryKey: ['/v1/audit/checkpoint'],
    queryFn: () => getText('/v1/audit/checkpoint'),
    retry: false,
  });

export const useReplay = (id: string, asOf: string | undefined) =>
  useQuery({
    queryKey: ['/v1/audit/relationships/state', id, asOf],
    queryFn: () =>
      getJson<RelationshipReplay>(`/v1/audit/relationships/${encodeURIComponent(id)}/state`, {
        asOf,
      }),
    enabled: id !== '',
  });
