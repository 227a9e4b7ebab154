// Which camera plays which part in the show: the anchor's face, the hands on the work, the wide shot of the room.

/** The parts a camera plays, in the order camera presets place them (main first, then hands). */
export const CAMERA_ROLES = ['main', 'hands', 'wide'] as const;

/** One of {@link CAMERA_ROLES}. */
export type CameraRole = (typeof CAMERA_ROLES)[number];

/** The source assigned to each role (absent: the rehearsal test pattern stands in). */
export type CameraRoles = Partial<Record<CameraRole, string>>;

/** The default show's scenes each role's camera fills. */
export const ROLE_SCENES: Readonly<Record<CameraRole, readonly string[]>> = {
  main: ['Anchor', 'Q&A'],
  hands: ['Product close-up'],
  wide: ['Workshop wide'],
};

/** The kinds of source a camera role can take: a camera, or a test pattern to rehearse with. */
export const ROLE_SOURCE_TYPES = ['camera', 'test-pattern'] as const;

/** OBS input kinds of real cameras on Linux, Windows and macOS. */
export const CAMERA_INPUT_KINDS: readonly string[] = ['v4l2_input', 'dshow_input', 'av_capture_input', 'av_capture_input_v2', 'macos-avcapture'];

/** Whether a source of this OBS kind can play a camera role: a camera, or a media source (test patterns and clips). */
export function canPlayCameraRole(kind: string): boolean {
  return CAMERA_INPUT_KINDS.includes(kind) || kind === 'ffmpeg_source';
}
