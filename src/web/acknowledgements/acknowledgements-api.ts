import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  ContractParty,
  Exemption,
  ExemptionBody,
  HeadedDepartment,
  PendingAcknowledgement,
  Requirement,
  RequirementBody,
  VersionOverview,
  VersionStatus,
} from '../../contracts/acknowledgements.js';
import type { Department } from '../../contracts/departments.js';
import { api } from '../api/client.js';

export type {
  ContractParty,
  Department,
  Exemption,
  ExemptionBody,
  HeadedDepartment,
  PendingAcknowledgement,
  Requirement,
  RequirementBody,
  VersionOverview,
  VersionStatus,
};

export const ackKeys = {
  mine: ['acknowledgements', 'mine'] as const,
  requirement: (versionId: string) => ['acknowledgements', 'requirement', versionId] as const,
  overview: ['acknowledgements', 'overview'] as const,
  status: (versionId: string) => ['acknowledgements', 'status', versionId] as const,
  parties: ['acknowledgements', 'parties'] as const,
  exemptions: (versionId: string) => ['acknowledgements', 'exemptions', versionId] as const,
  headed: ['acknowledgements', 'headed'] as const,
  departments: ['departments'] as const,
};

/** What the signed-in staff member must still acknowledge (R1). */
export function useMyAcknowledgements(isEnabled = true) {
  return useQuery({
    queryKey: ackKeys.mine,
    queryFn: () => api.get<{ items: PendingAcknowledgement[] }>('/acknowledgements/mine'),
    enabled: isEnabled,
    staleTime: 60_000,
    // A grace period can end while someone works: the gate looks again every few minutes.
    refetchInterval: 5 * 60_000,
  });
}

export function useRequirement(versionId: string) {
  return useQuery({
    queryKey: ackKeys.requirement(versionId),
    queryFn: () => api.get<{ requirement: Requirement | null }>(`/acknowledgements/requirements/${versionId}`),
  });
}

export function useDepartments(isEnabled = true) {
  return useQuery({
    queryKey: ackKeys.departments,
    queryFn: () => api.get<{ items: Department[] }>('/staff/departments'),
    enabled: isEnabled,
  });
}

export function useOverview() {
  return useQuery({ queryKey: ackKeys.overview, queryFn: () => api.get<{ items: VersionOverview[] }>('/acknowledgements/versions') });
}

export function useVersionStatus(versionId: string) {
  return useQuery({
    queryKey: ackKeys.status(versionId),
    queryFn: () => api.get<VersionStatus>(`/acknowledgements/versions/${versionId}`),
  });
}

export function useParties() {
  return useQuery({ queryKey: ackKeys.parties, queryFn: () => api.get<{ items: ContractParty[] }>('/acknowledgements/parties') });
}

/** P-SCOPE: the exemptions from a version's document (HR). */
export function useExemptions(versionId: string) {
  return useQuery({
    queryKey: ackKeys.exemptions(versionId),
    queryFn: () => api.get<{ items: Exemption[] }>(`/acknowledgements/versions/${versionId}/exemptions`),
  });
}

/** R2: the departments and sections the signed-in staff member heads (empty for everyone else). */
export function useHeadedDepartments() {
  return useQuery({
    queryKey: ackKeys.headed,
    queryFn: () => api.get<{ items: HeadedDepartment[] }>('/acknowledgements/departments/mine'),
    staleTime: 5 * 60_000,
  });
}

/** A write after which the acknowledgement views are read again. */
export function useAckWrite<Body, Answer>(send: (body: Body) => Promise<Answer>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: send,
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ['acknowledgements'] });
      void queryClient.invalidateQueries({ queryKey: ackKeys.departments });
    },
  });
}
