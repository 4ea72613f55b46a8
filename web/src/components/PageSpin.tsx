/** A centred spinner while a page's code or data loads. */
import { Spin } from 'antd';

export function PageSpin() {
  return (
    <div className="lx-page-spin">
      <Spin />
    </div>
  );
}
