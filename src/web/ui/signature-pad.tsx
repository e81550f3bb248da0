import { Box, Button, Group, Stack, Text } from '@mantine/core';
import { useElementSize } from '@mantine/hooks';
import { IconEraser } from '@tabler/icons-react';
import { type PointerEvent, useCallback, useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { extend, hasSignature, pointIn, type Stroke } from './signature-strokes.js';

const HEIGHT = 200;
const INK = '#10243e';
const LINE_WIDTH = 2.4;

function drawStrokes(context: CanvasRenderingContext2D, strokes: readonly Stroke[]): void {
  context.lineCap = 'round';
  context.lineJoin = 'round';
  context.strokeStyle = INK;
  context.fillStyle = INK;
  context.lineWidth = LINE_WIDTH;
  for (const stroke of strokes) {
    const [first, ...rest] = stroke;
    if (!first) continue;
    context.beginPath();
    if (rest.length === 0) {
      context.arc(first.x, first.y, LINE_WIDTH / 2, 0, Math.PI * 2);
      context.fill();
      continue;
    }
    context.moveTo(first.x, first.y);
    for (const point of rest) context.lineTo(point.x, point.y);
    context.stroke();
  }
}

/** The signature as a PNG on white, at CSS size (small enough to send, clear enough to print). */
function toPng(strokes: readonly Stroke[], width: number, height: number): string {
  const canvas = document.createElement('canvas');
  canvas.width = Math.max(1, Math.round(width));
  canvas.height = height;
  const context = canvas.getContext('2d');
  if (!context) return '';
  context.fillStyle = '#ffffff';
  context.fillRect(0, 0, canvas.width, canvas.height);
  drawStrokes(context, strokes);
  return canvas.toDataURL('image/png');
}

/**
 * The family signs on the screen (C4) — a request's data, a settlement's terms, any attested subject: finger, pen or mouse through pointer events, a clear
 * button, and a PNG data URL once there is enough ink (null while blank). Coordinates are the
 * canvas's own, so the page's direction (RTL) does not mirror the drawing.
 */
export function SignaturePad({
  label,
  isDisabled = false,
  onChange,
}: {
  label: string;
  isDisabled?: boolean;
  onChange(dataUrl: string | null): void;
}) {
  const { t } = useTranslation();
  const hintId = useId();
  const statusId = useId();
  const { ref: boxRef, width } = useElementSize();
  const canvasRef = useRef<HTMLCanvasElement | null>(null);
  const strokesRef = useRef<Stroke[]>([]);
  const activeRef = useRef<number | null>(null);
  const [isSigned, setIsSigned] = useState(false);

  const redraw = useCallback(() => {
    const canvas = canvasRef.current;
    const context = canvas?.getContext('2d');
    if (!canvas || !context) return;
    const ratio = window.devicePixelRatio || 1;
    context.setTransform(ratio, 0, 0, ratio, 0, 0);
    context.clearRect(0, 0, canvas.width, canvas.height);
    drawStrokes(context, strokesRef.current);
  }, []);

  // The canvas's bitmap follows its box and the screen's density; strokes are redrawn after.
  useEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas || width <= 0) return;
    const ratio = window.devicePixelRatio || 1;
    canvas.width = Math.round(width * ratio);
    canvas.height = Math.round(HEIGHT * ratio);
    redraw();
  }, [width, redraw]);

  const finish = useCallback(() => {
    activeRef.current = null;
    const strokes = strokesRef.current;
    const signed = hasSignature(strokes);
    setIsSigned(signed);
    onChange(signed ? toPng(strokes, canvasRef.current?.getBoundingClientRect().width ?? width, HEIGHT) : null);
  }, [onChange, width]);

  const onPointerDown = (event: PointerEvent<HTMLCanvasElement>) => {
    if (isDisabled || activeRef.current !== null) return;
    if (event.pointerType === 'mouse' && event.button !== 0) return;
    event.preventDefault();
    event.currentTarget.setPointerCapture(event.pointerId);
    activeRef.current = event.pointerId;
    const box = event.currentTarget.getBoundingClientRect();
    strokesRef.current = [...strokesRef.current, [pointIn(box, event.clientX, event.clientY)]];
    redraw();
  };

  const onPointerMove = (event: PointerEvent<HTMLCanvasElement>) => {
    if (activeRef.current !== event.pointerId) return;
    const box = event.currentTarget.getBoundingClientRect();
    const strokes = strokesRef.current;
    const last = strokes[strokes.length - 1] ?? [];
    // Coalesced events keep fast strokes smooth where the browser offers them.
    const events = event.nativeEvent.getCoalescedEvents?.() ?? [event.nativeEvent];
    let stroke = last;
    for (const each of events.length ? events : [event.nativeEvent]) stroke = extend(stroke, pointIn(box, each.clientX, each.clientY));
    strokesRef.current = [...strokes.slice(0, -1), stroke];
    redraw();
  };

  const onPointerEnd = (event: PointerEvent<HTMLCanvasElement>) => {
    if (activeRef.current !== event.pointerId) return;
    finish();
  };

  const clear = () => {
    strokesRef.current = [];
    redraw();
    setIsSigned(false);
    onChange(null);
  };

  return (
    <Stack gap={6}>
      <Text component="span" fw={600} id={`${hintId}-label`}>
        {label}
      </Text>
      <Text size="sm" c="dimmed" id={hintId}>
        {t('signature.hint')}
      </Text>
      <Box
        ref={boxRef}
        style={{
          border: '2px dashed var(--mantine-color-gray-5)',
          borderRadius: 'var(--mantine-radius-md)',
          background: isDisabled ? 'var(--mantine-color-gray-1)' : '#fff',
          position: 'relative',
          overflow: 'hidden',
        }}
      >
        <canvas
          ref={canvasRef}
          role="img"
          aria-labelledby={`${hintId}-label`}
          aria-describedby={`${hintId} ${statusId}`}
          data-testid="signature-pad"
          data-signed={isSigned ? 'true' : 'false'}
          style={{ display: 'block', width: '100%', height: HEIGHT, touchAction: 'none', cursor: isDisabled ? 'not-allowed' : 'crosshair' }}
          onPointerDown={onPointerDown}
          onPointerMove={onPointerMove}
          onPointerUp={onPointerEnd}
          onPointerCancel={onPointerEnd}
          onLostPointerCapture={onPointerEnd}
        />
        {/* The line the family signs on, drawn under the ink; decoration only. */}
        <Box
          aria-hidden
          style={{
            position: 'absolute',
            insetInline: 24,
            bottom: 40,
            borderBottom: '1px solid var(--mantine-color-gray-4)',
            pointerEvents: 'none',
          }}
        />
      </Box>
      <Group justify="space-between" gap="xs">
        <Text size="sm" id={statusId} aria-live="polite" c={isSigned ? 'green.8' : 'dimmed'}>
          {isSigned ? t('signature.signed') : t('signature.blank')}
        </Text>
        <Button variant="default" size="xs" leftSection={<IconEraser size={16} aria-hidden />} onClick={clear} disabled={isDisabled}>
          {t('signature.clear')}
        </Button>
      </Group>
    </Stack>
  );
}
