import {ClockIcon} from '@sanity/icons/Clock'
import {Card, Flex, Text} from '@sanity/ui'

import {formatReadTime} from '../../../../core/read-time/format.ts'
import {readTimeDetails} from '../estimatePostReadTime.ts'
import type {ReadTimeEstimate} from '../../../../core/read-time/estimate.ts'
import type {ReadTimeStyle} from '../../../../core/read-time/format.ts'

/** One line under the body: "⏱ 7 Minute, 42 Second · 1,501 words · 1 image". */
export function ReadTimeSummary({
  estimate,
  displayStyle,
}: {
  estimate: ReadTimeEstimate
  displayStyle: ReadTimeStyle
}) {
  return (
    <Card
      data-testid="read-time-summary"
      marginTop={2}
      padding={3}
      radius={2}
      border
      tone="transparent"
      // Stays in view at the bottom of the pane while the editor writes a long body.
      style={{position: 'sticky', bottom: 0, zIndex: 1}}
    >
      <Flex align="center" gap={2} wrap="wrap">
        <Text size={1}>
          <ClockIcon />
        </Text>
        <Text size={1} weight="semibold">
          <span data-testid="read-time-figure" data-seconds={estimate.seconds}>
            {formatReadTime(estimate.seconds, {style: displayStyle})}
          </span>
        </Text>
        <Text size={1} muted>
          <span data-testid="read-time-details">{readTimeDetails(estimate)}</span>
        </Text>
      </Flex>
    </Card>
  )
}
