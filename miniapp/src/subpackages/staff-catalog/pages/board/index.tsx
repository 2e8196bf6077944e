import { useState } from 'react';
import { PageShell } from '../../../../components/PageShell';
import { Notice } from '../../../../components/Notice';
import { Button } from '../../../../components/Button';
import { OptionGroup } from '../../../../components/OptionGroup';
import { ownCommunity, StaffOnly, type StaffMe } from '../../../../features/catalog/components/StaffOnly';
import { deliverNoticeBoard, fetchNoticeBoard } from '../../../../features/catalog/notice-board';
import { useRegions } from '../../../../features/family/hooks';
import { communitiesUnder } from '../../../../features/regions/communities';
import { ApiError } from '../../../../services/api-error';
import { messageFor } from '../../../../features/errors/messages';

function Board({ me }: { me: StaffMe }) {
  const regions = useRegions();
  const own = ownCommunity(me);
  const choices = own ? [] : communitiesUnder(regions.data?.items ?? [], me.region.code);
  const [community, setCommunity] = useState(own);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<{ ok: boolean; text: string } | null>(null);
  const [error, setError] = useState<string | undefined>();
  const name = own ? me.region.name : choices.find((c) => c.code === community)?.name ?? '';

  const download = async () => {
    setResult(null);
    if (!community) return setError('请先选择社区');
    setError(undefined);
    setBusy(true);
    try {
      const board = await fetchNoticeBoard(community);
      await deliverNoticeBoard(board);
      const kb = Math.max(1, Math.round(board.sizeBytes / 1024));
      const where = process.env.TARO_ENV === 'h5' ? '已开始下载' : '已打开，可以点右上角转发或打印';
      setResult({ ok: true, text: `${name}的公示牌${where}。共${board.pageCount}张A3横版海报（不再开具的一张、还能开具的一张）、${board.itemCount}项，${kb} KB。` });
    } catch (err) {
      setResult({ ok: false, text: err instanceof ApiError ? messageFor(err) : '文件没有保存或打开成功，请再试一次' });
    } finally {
      setBusy(false);
    }
  };

  return (
    <PageShell title="下载门口公示牌" intro="每张清单一张A3横版海报，每项一行写明现在怎么办，带二维码。打印后贴在社区门口。内容和“简办”里居民查到的一样。">
      {own ? (
        <Notice title={me.region.name}>生成本社区的公示牌。</Notice>
      ) : (
        <>
          {regions.isPending ? <Notice>正在读取社区名单…</Notice> : null}
          <OptionGroup label="哪个社区的公示牌？" options={choices.map((c) => ({ value: c.code, label: c.name }))} value={community} onChange={setCommunity} error={error} />
        </>
      )}
      {result ? <Notice tone={result.ok ? 'success' : 'error'} title={result.ok ? '公示牌已生成' : '没有下载成功'}>{result.text}</Notice> : null}
      <Button loading={busy} onClick={() => void download()}>
        {name ? `下载${name}的公示牌（PDF）` : '下载公示牌（PDF）'}
      </Button>
    </PageShell>
  );
}

export default function StaffBoardPage() {
  return <StaffOnly title="门口公示牌">{(me) => <Board me={me} />}</StaffOnly>;
}
