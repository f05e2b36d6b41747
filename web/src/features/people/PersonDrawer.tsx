import { Button, Descriptions, Drawer, Flex, Result, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { isNotFound } from '../../app/api';
import { useI18n } from '../../app/i18n';
import { PageSpin } from '../../app/PageSpin';
import { QueryErrorAlert } from '../../app/QueryErrorAlert';
import { usePerson, type PersonDetail } from './api';
import { ChangeRequestTable } from './ChangeRequestTable';
import { RequestChangeModal } from './RequestChangeModal';

function PersonDetails({ detail }: { detail: PersonDetail }) {
  const { t, serverLabel } = useI18n();
  const { person, changeRequests } = detail;
  return (
    <Flex vertical gap={24}>
      <Descriptions
        bordered
        size="small"
        column={1}
        items={[
          { key: 'name', label: t('people.name'), children: person.name },
          { key: 'gender', label: t('people.gender'), children: t(`people.gender.${person.gender}`) },
          { key: 'unit', label: t('people.unit'), children: person.unitName },
          { key: 'post', label: t('people.post'), children: person.post },
          { key: 'rank', label: t('people.rank'), children: serverLabel(person.rankLabel, `rank.${person.rank}`) },
          {
            key: 'homeRegion',
            label: t('people.homeRegion'),
            children:
              person.homeRegionCode && person.homeRegionName ? (
                <Link to={`/regions/${person.homeRegionCode}`}>{person.homeRegionName}</Link>
              ) : (
                t('common.none')
              ),
          },
        ]}
      />
      <div>
        <Typography.Title level={5}>{t('people.changeRequests')}</Typography.Title>
        <ChangeRequestTable requests={changeRequests} showPerson={false} emptyText={t('people.noChangeRequests')} />
      </div>
    </Flex>
  );
}

interface PersonDrawerProps {
  personId: string | undefined;
  onClose: () => void;
}

/** A person's details and change requests, beside the people list. */
export function PersonDrawer({ personId, onClose }: PersonDrawerProps) {
  const { t } = useI18n();
  // The last person stays rendered while the drawer slides shut.
  const [shownId, setShownId] = useState(personId);
  if (personId && personId !== shownId) setShownId(personId);
  const detail = usePerson(shownId);
  const [requestOpen, setRequestOpen] = useState(false);
  const person = detail.data?.person;
  const mayRequestChange = detail.data?.actions.includes('requestChange') ?? false;

  return (
    <Drawer
      open={Boolean(personId)}
      onClose={onClose}
      size={960}
      title={person?.name ?? t('people.detail')}
      extra={
        person &&
        mayRequestChange && (
          <Button type="primary" onClick={() => setRequestOpen(true)}>
            {t('people.requestChange')}
          </Button>
        )
      }
    >
      {detail.isPending && shownId && <PageSpin />}
      {isNotFound(detail.error) && <Result status="404" title={t('people.notFound')} />}
      {detail.isError && !isNotFound(detail.error) && (
        <QueryErrorAlert error={detail.error} onRetry={() => void detail.refetch()} />
      )}
      {detail.data && <PersonDetails detail={detail.data} />}
      {person && <RequestChangeModal person={person} open={requestOpen} onClose={() => setRequestOpen(false)} />}
    </Drawer>
  );
}
